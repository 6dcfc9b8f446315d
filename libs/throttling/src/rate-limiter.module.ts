import { Module } from '@nestjs/common';
import { RedisModule } from '@app/redis';
import { AdaptiveLoadService } from './adaptive-load.service';
import { RateLimitPolicy } from './rate-limit-policy.service';
import { RateLimiter } from './rate-limiter.service';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { throttlingMetricProviders } from './throttling.metrics';

/**
 * The limiters without the route guard: for processes that count hits in services only (the worker
 * counts scheduled runs against their owner's `execution` limit). ThrottlingModule builds on it, so an
 * API with an inline worker has one RateLimiter.
 */
@Module({
  imports: [RedisModule],
  providers: [...throttlingMetricProviders, AdaptiveLoadService, RateLimitPolicy, RedisThrottlerStorage, RateLimiter],
  exports: [...throttlingMetricProviders, AdaptiveLoadService, RateLimitPolicy, RedisThrottlerStorage, RateLimiter],
})
export class RateLimiterModule {}
