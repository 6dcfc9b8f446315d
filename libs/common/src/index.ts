export { CommonModule } from './common.module';
export {
  afterCursor,
  CURSOR_ORDER,
  type CursorPosition,
  decodeCursor,
  encodeCursor,
  type Page,
  PaginationQueryDto,
  toPage,
} from './pagination';
export { IS_PUBLIC_KEY, Public, PUBLIC_SECURITY_MARKER } from './public.decorator';
export { ApiErrors, ApiPageResponse, ErrorResponseDto, JSON_OBJECT } from './openapi';
export { SecretCipher } from './secret-cipher';
export { GroupCommit } from './group-commit';
export { SsrfGuard } from './ssrf-guard';
export { settleWithin, withTimeout } from './with-timeout.util';
export { errorMessage } from './error-message.util';
export { TtlCache } from './ttl-cache';
export { EventStream, sendEventStream } from './event-stream';
