export { LoggingModule } from './logging.module';
export { logFormatOf, pathOf, prettyRequestMessages, prettyStream } from './log-format';
export { REDACT_PATHS } from './redact-paths';
export { requestContexts } from './request-context';
