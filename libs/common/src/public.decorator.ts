import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'wp:isPublic';

/**
 * A marker security requirement: OpenAPI cannot express `security: []` through decorators (empty
 * arrays are dropped), so createOpenApiDocument turns any operation carrying this marker into `security: []`.
 */
export const PUBLIC_SECURITY_MARKER = 'x-public';

/** The route needs no authentication (health, metrics, docs, auth, public webhooks); documented with `security: []`. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiSecurity(PUBLIC_SECURITY_MARKER));
