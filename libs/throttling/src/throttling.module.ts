import { Global, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { AdaptiveLoadService } from './adaptive-load.service';
import { RateLimitPolicy } from './rate-limit-policy.service';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter.service';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { throttlerOptions } from './throttler-options';
import { throttlingMetricProviders } from './throttling.metrics';

/**
 * Rate limiting: named limiters on Redis shared by every replica (per-process memory while Redis is
 * unreachable), the tier table, the adaptive limiter, and the global RateLimitGuard. Import it AFTER
 * AuthModule: global guards run in the order their modules are imported, and this one needs
 * request.user from AuthGuard. Global so services (webhooks) can inject RateLimiter.
 */
@Global()
@Module({
  providers: [
    ...throttlingMetricProviders,
    AdaptiveLoadService,
    RateLimitPolicy,
    RedisThrottlerStorage,
    { provide: getStorageToken(), useExisting: RedisThrottlerStorage },
    { provide: getOptionsToken(), inject: [RateLimitPolicy, Reflector], useFactory: throttlerOptions },
    RateLimiter,
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [RateLimiter, RateLimitPolicy, AdaptiveLoadService, RedisThrottlerStorage],
})
export class ThrottlingModule {}
