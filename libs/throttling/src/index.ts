export { ThrottlingModule } from './throttling.module';
export { RateLimiterModule } from './rate-limiter.module';
export {
  type CountingLimiter,
  DEFAULT_ROUTE_LIMITERS,
  LIMITER_NAMES,
  type LimiterName,
  OPT_IN_ROUTE_LIMITERS,
  SERVICE_LIMITERS,
} from './limiter-names';
export { type LimiterHit, RateLimiter } from './rate-limiter.service';
export { type LimiterWindow, RateLimitPolicy, tierLimit, tightened } from './rate-limit-policy.service';
export { AdaptiveLoadService } from './adaptive-load.service';
export {
  type HitRequest,
  type HitsThenStep,
  RedisThrottlerStorage,
  type StepAfterHits,
  type ThrottlerStorageRecord,
  toStorageRecord,
  type UncountRequest,
} from './redis-throttler.storage';
export { type RateLimitDecision, rateLimitHeaders, strictest, tooManyRequestsBody, unlimited } from './rate-limit-decision';
export { RateLimitExceededException } from './rate-limit-exceeded.exception';
export { RATE_LIMITS_KEY, RateLimit, type RouteLimiter } from './rate-limit.decorator';
export { RATE_LIMIT_FALLBACKS, RATE_LIMIT_REJECTIONS, throttlingMetricProviders } from './throttling.metrics';
export { clientKey, trackerOf } from './client-key.util';
export type { RateLimitSubject } from './client-key.util';
export type { LoadReading } from './load-sampler';
export { SkipThrottle, Throttle } from '@nestjs/throttler';
