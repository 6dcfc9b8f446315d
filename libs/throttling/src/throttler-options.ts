import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerModuleOptions } from '@nestjs/throttler';
import { DEFAULT_ROUTE_LIMITERS, OPT_IN_ROUTE_LIMITERS } from './limiter-names';
import { RateLimitPolicy } from './rate-limit-policy.service';

// @nestjs/throttler's metadata keys (not exported from its package root; a unit spec pins them).
export const THROTTLER_SKIP = 'THROTTLER:SKIP';
export const THROTTLER_LIMIT = 'THROTTLER:LIMIT';
export const THROTTLER_TTL = 'THROTTLER:TTL';
export const THROTTLER_BLOCK_DURATION = 'THROTTLER:BLOCK_DURATION';

interface LimitedRequest {
  user?: { id: string; tier?: string };
}

/** True when the route opted out of the adaptive limiter with @SkipThrottle({ adaptive: true }). */
export function skipsAdaptive(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(THROTTLER_SKIP + 'adaptive', [context.getHandler(), context.getClass()]) === true;
}

/**
 * The named throttlers of @nestjs/throttler 6 for routes: the limit is a function of the request
 * (the caller's tier, tightened while the adaptive limiter sees pressure), the ttl is fixed.
 */
export function throttlerOptions(policy: RateLimitPolicy, reflector: Reflector): ThrottlerModuleOptions {
  return {
    throttlers: [...DEFAULT_ROUTE_LIMITERS, ...OPT_IN_ROUTE_LIMITERS].map((name) => ({
      name,
      ttl: policy.ttlMs(name),
      limit: (context: ExecutionContext) => {
        const tier = context.switchToHttp().getRequest<LimitedRequest>().user?.tier;
        return policy.limit(name, tier, !skipsAdaptive(reflector, context));
      },
    })),
  };
}
