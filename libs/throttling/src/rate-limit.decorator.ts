import { SetMetadata } from '@nestjs/common';
import { CountingLimiter } from './limiter-names';

export const RATE_LIMITS_KEY = 'wp:rateLimits';

/** The limiters a route can carry; `webhook` is consumed by the webhooks service, not by routes. */
export type RouteLimiter = Exclude<CountingLimiter, 'webhook'>;

/**
 * Adds named limiters to a route or controller, on top of `api` and `burst` which every route has;
 * each counts separately and the strictest answer wins (its numbers go into the RateLimit headers).
 *
 *   @RateLimit('auth')       registration: THROTTLE_AUTH_* per IP (logins count failures only:
 *                            LoginAttemptsInterceptor in libs/auth, on the same limiter's numbers)
 *   @RateLimit('execution')  manual and API-triggered runs, tier-based
 *   @RateLimit('upload')     file uploads (libs/files), tier-based
 *
 * Opt out with @SkipThrottle() (every limiter) or @SkipThrottle({ burst: true }) (one of them;
 * `adaptive: true` keeps the route's limits as configured under pressure). @Throttle({ api: { limit,
 * ttl } }) replaces a limiter's numbers on one route, as given (no tier scaling, ttl in ms).
 */
export const RateLimit = (...limiters: RouteLimiter[]) => SetMetadata(RATE_LIMITS_KEY, limiters);
