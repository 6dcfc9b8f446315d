/**
 * The named limiters. Six count hits; `adaptive` counts nothing: it is the factor that tightens all
 * the others while the process is under CPU or memory pressure (a route may opt out of it with
 * `@SkipThrottle({ adaptive: true })`).
 */
export const LIMITER_NAMES = ['api', 'auth', 'webhook', 'execution', 'burst', 'upload', 'adaptive'] as const;
export type LimiterName = (typeof LIMITER_NAMES)[number];
export type CountingLimiter = Exclude<LimiterName, 'adaptive'>;

/** Applied by the guard to every authenticated or public route that is not exempt. */
export const DEFAULT_ROUTE_LIMITERS: readonly CountingLimiter[] = ['api', 'burst'];
/** Applied by the guard only where a route asks for them with @RateLimit(...). */
export const OPT_IN_ROUTE_LIMITERS: readonly CountingLimiter[] = ['auth', 'execution', 'upload'];
/** Not a guard limiter: the webhooks service consumes it after it knows the workflow owner's tier. */
export const SERVICE_LIMITERS: readonly CountingLimiter[] = ['webhook'];
