import { CountingLimiter } from './limiter-names';

/** One limiter's answer for one request. */
export interface RateLimitDecision {
  limiter: CountingLimiter;
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window (or the block) ends. */
  resetSeconds: number;
  /** Seconds to wait before trying again; 0 when allowed. */
  retryAfterSeconds: number;
  windowSeconds: number;
}

/** What a limiter that is switched off (THROTTLE_ENABLED=false) answers: allowed, no headers. */
export function unlimited(limiter: CountingLimiter): RateLimitDecision {
  return { limiter, allowed: true, limit: Infinity, remaining: Infinity, resetSeconds: 0, retryAfterSeconds: 0, windowSeconds: 0 };
}

/**
 * Limiters compose and the strictest wins: any refusal (the longest wait first), else the one with
 * the fewest requests left (the later reset on a tie).
 */
export function strictest(decisions: RateLimitDecision[]): RateLimitDecision | undefined {
  let pick: RateLimitDecision | undefined;
  for (const decision of decisions) {
    if (!pick) pick = decision;
    else if (decision.allowed !== pick.allowed) pick = decision.allowed ? pick : decision;
    else if (!decision.allowed) pick = decision.retryAfterSeconds > pick.retryAfterSeconds ? decision : pick;
    else if (decision.remaining !== pick.remaining) pick = decision.remaining < pick.remaining ? decision : pick;
    else pick = decision.resetSeconds > pick.resetSeconds ? decision : pick;
  }
  return pick;
}

/** RateLimit-Limit/Remaining/Reset (IETF draft names), plus Retry-After when refused. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  if (!Number.isFinite(decision.limit)) return {};
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  };
  if (!decision.allowed) headers['Retry-After'] = String(decision.retryAfterSeconds);
  return headers;
}

export function tooManyRequestsBody(decision: RateLimitDecision): { statusCode: 429; error: 'Too Many Requests'; message: string } {
  return {
    statusCode: 429,
    error: 'Too Many Requests',
    message: `Rate limit exceeded (${decision.limiter}: ${decision.limit} per ${decision.windowSeconds} s); retry in ${decision.retryAfterSeconds} s`,
  };
}
