import { Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { RateLimitPolicy } from './rate-limit-policy.service';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiterModule } from './rate-limiter.module';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { throttlerOptions } from './throttler-options';

/**
 * Rate limiting: named limiters on Redis shared by every replica (per-process memory while Redis is
 * unreachable), the tier table, the adaptive limiter, and the global RateLimitGuard. Import it AFTER
 * AuthModule: global guards run in the order their modules are imported, and this one needs
 * request.user from AuthGuard. Services that only count hits (webhooks, the worker) import RateLimiterModule.
 */
@Module({
  imports: [RateLimiterModule],
  providers: [
    { provide: getStorageToken(), useExisting: RedisThrottlerStorage },
    { provide: getOptionsToken(), inject: [RateLimitPolicy, Reflector], useFactory: throttlerOptions },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [RateLimiterModule],
})
export class ThrottlingModule {}
