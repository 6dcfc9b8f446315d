import { ApiKeyScopeName } from './api-key-scope';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The non-read routes a run-only key may call: starting runs, nothing that changes definitions,
 * keys, users or channels. Keyed by Fastify route template, so a new route is denied until listed here.
 */
const RUN_ROUTES = new Set(['POST /workflows/:id/run', 'POST /executions/:id/retry']);

/** The narrowest scope a request needs: deny by default, so routes added later need a full key. */
export function requiredScope(method: string, routeTemplate: string | undefined): ApiKeyScopeName {
  if (SAFE_METHODS.has(method)) return 'read-only';
  if (routeTemplate && RUN_ROUTES.has(`${method} ${routeTemplate}`)) return 'run-only';
  return 'full';
}
