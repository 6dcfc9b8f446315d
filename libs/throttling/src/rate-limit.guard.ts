import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  Resolvable,
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { trackerOf } from './client-key.util';
import { CountingLimiter, DEFAULT_ROUTE_LIMITERS } from './limiter-names';
import { rateLimitHeaders, strictest } from './rate-limit-decision';
import { RATE_LIMITS_KEY } from './rate-limit.decorator';
import { RateLimitExceededException } from './rate-limit-exceeded.exception';
import { LimiterHit, RateLimiter } from './rate-limiter.service';
import { THROTTLER_BLOCK_DURATION, THROTTLER_LIMIT, THROTTLER_SKIP, THROTTLER_TTL } from './throttler-options';

/** Probes, metrics and docs are never limited: Kubernetes and Prometheus must always get through. */
export const EXEMPT_ROUTES = /^\/(health|metrics|docs)(\/|-json|$)/;

interface PlannedLimiter {
  name: CountingLimiter;
  limit: Resolvable<number>;
  ttl: Resolvable<number>;
  blockDuration?: Resolvable<number>;
}

interface LimitedRequest {
  ip?: string;
  url?: string;
  routeOptions?: { url?: string };
  user?: { id: string; tier?: string };
}

/**
 * Global guard, installed after AuthGuard so request.user is known: counts every applicable limiter
 * of the route at once (one Redis round trip for all of them), sets RateLimit-* from the strictest,
 * and refuses with 429 + Retry-After when any limiter is used up.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /** Which limiters a route has never changes: worked out once per handler, not per request. */
  private readonly plans = new WeakMap<object, PlannedLimiter[]>();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.limiter.enabled || context.getType() !== 'http') return true;
    const { req, res } = this.getRequestResponse(context);
    const planned = this.planFor(context, req as LimitedRequest);
    if (!planned.length) return true;
    const tracker = await this.getTracker(req);
    const hits = await Promise.all(planned.map((limiter) => this.resolveHit(context, limiter, tracker)));
    const decision = strictest(await this.limiter.hitMany(hits))!;
    for (const [name, value] of Object.entries(rateLimitHeaders(decision))) this.setResponseHeader(res, name, value);
    if (!decision.allowed) throw new RateLimitExceededException(decision);
    return true;
  }

  /** `userId:ip` for an authenticated caller, the IP otherwise (Fastify's request.ip honours TRUST_PROXY). */
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const { ip, user } = req as LimitedRequest;
    return trackerOf({ ip, userId: user?.id });
  }

  private async resolveHit(context: ExecutionContext, planned: PlannedLimiter, tracker: string): Promise<LimiterHit> {
    const limit = await resolve(planned.limit, context);
    const ttlMs = await resolve(planned.ttl, context);
    const blockMs = planned.blockDuration === undefined ? ttlMs : await resolve(planned.blockDuration, context);
    return { name: planned.name, tracker, limit, ttlMs, blockMs };
  }

  private planFor(context: ExecutionContext, req: LimitedRequest): PlannedLimiter[] {
    const handler = context.getHandler();
    let planned = this.plans.get(handler);
    if (!planned) {
      planned = this.plan(context, req);
      this.plans.set(handler, planned);
    }
    return planned;
  }

  private plan(context: ExecutionContext, req: LimitedRequest): PlannedLimiter[] {
    const targets = [context.getHandler(), context.getClass()];
    const route = req.routeOptions?.url ?? req.url?.split('?')[0] ?? '';
    // @SkipThrottle() with no argument marks the throttler named "default": here it means all of them.
    if (EXEMPT_ROUTES.test(route) || this.reflector.getAllAndOverride<boolean>(THROTTLER_SKIP + 'default', targets)) return [];
    const declared = new Set(this.reflector.getAllAndMerge<CountingLimiter[]>(RATE_LIMITS_KEY, targets) ?? []);
    const metadata = <T>(key: string, name: string) => this.reflector.getAllAndOverride<T | undefined>(key + name, targets);
    return this.throttlers
      .filter(
        ({ name }) =>
          (DEFAULT_ROUTE_LIMITERS.includes(name as CountingLimiter) || declared.has(name as CountingLimiter)) &&
          !metadata<boolean>(THROTTLER_SKIP, name!),
      )
      .map((throttler) => ({
        name: throttler.name as CountingLimiter,
        limit: metadata<Resolvable<number>>(THROTTLER_LIMIT, throttler.name!) ?? throttler.limit,
        ttl: metadata<Resolvable<number>>(THROTTLER_TTL, throttler.name!) ?? throttler.ttl,
        blockDuration: metadata<Resolvable<number>>(THROTTLER_BLOCK_DURATION, throttler.name!) ?? throttler.blockDuration,
      }));
  }
}

async function resolve(value: Resolvable<number>, context: ExecutionContext): Promise<number> {
  return Number(typeof value === 'function' ? await value(context) : value);
}
