import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import { AppConfig } from '@app/config';
import { RateLimitSubject, trackerOf } from './client-key.util';
import { CountingLimiter } from './limiter-names';
import { RateLimitDecision, unlimited } from './rate-limit-decision';
import { RateLimitPolicy } from './rate-limit-policy.service';
import { WindowHit } from './memory-window.store';
import { HitRequest, RedisThrottlerStorage, StepAfterHits } from './redis-throttler.storage';
import { RATE_LIMIT_REJECTIONS } from './throttling.metrics';

/** One hit against one limiter, with the numbers already resolved for the caller. */
export interface LimiterHit {
  name: CountingLimiter;
  tracker: string;
  limit: number;
  ttlMs: number;
  /** How long a key stays refused once over its limit; the window length by default. */
  blockMs?: number;
}

/**
 * Counts hits against named limiters. The guard uses it for routes; services use consume() when the
 * limit depends on something only they know (the webhooks service: the workflow owner's tier).
 */
@Injectable()
export class RateLimiter {
  readonly enabled: boolean;
  private readonly prefix: string;

  constructor(
    config: AppConfig,
    private readonly storage: RedisThrottlerStorage,
    readonly policy: RateLimitPolicy,
    @InjectMetric(RATE_LIMIT_REJECTIONS) private readonly rejections: Counter<'limiter'>,
  ) {
    this.enabled = config.throttle.THROTTLE_ENABLED;
    this.prefix = `${config.redis.REDIS_KEY_PREFIX}rl:`;
  }

  /** One hit for the subject at the tier's limit (FREE when no tier is given). */
  async consume(name: CountingLimiter, subject: RateLimitSubject, tier?: string): Promise<RateLimitDecision> {
    if (!this.enabled) return unlimited(name);
    const [decision] = await this.hitMany([this.hitOf(name, subject, tier)]);
    return decision;
  }

  /**
   * consume() and, when the hit is within its limit, `step` in the same Redis round trip. `step` is
   * null when it did not run in Redis (none given, limits off, Redis unreachable): the caller then does it itself.
   */
  async consumeThen(
    name: CountingLimiter,
    subject: RateLimitSubject,
    tier: string | undefined,
    step: StepAfterHits | undefined,
  ): Promise<{ decision: RateLimitDecision; step: number | null }> {
    if (!this.enabled) return { decision: unlimited(name), step: null };
    if (!step) return { decision: await this.consume(name, subject, tier), step: null };
    const hit = this.hitOf(name, subject, tier);
    const result = await this.storage.hitManyThen([this.hitRequestOf(hit)], step);
    const decision = this.decisionOf(hit, result.windows[0]);
    return { decision, step: decision.allowed && result.step !== 'refused' ? result.step : null };
  }

  /** Gives hits back: one each, or every hit of the key (`all`), e.g. after a successful login. */
  async uncount(hits: { name: CountingLimiter; tracker: string; all: boolean }[]): Promise<void> {
    if (!this.enabled) return;
    await this.storage.uncount(hits.map((h) => ({ key: this.keyOf(h.name, h.tracker), all: h.all })));
  }

  /** Several limiters in one Redis round trip; decisions in the same order. */
  async hitMany(hits: LimiterHit[]): Promise<RateLimitDecision[]> {
    const windows = await this.storage.hitMany(hits.map((h) => this.hitRequestOf(h)));
    return hits.map((hit, i) => this.decisionOf(hit, windows[i]));
  }

  private hitOf(name: CountingLimiter, subject: RateLimitSubject, tier: string | undefined): LimiterHit {
    return { name, tracker: trackerOf(subject), limit: this.policy.limit(name, tier), ttlMs: this.policy.ttlMs(name) };
  }

  private hitRequestOf(h: LimiterHit): HitRequest {
    return { key: this.keyOf(h.name, h.tracker), ttlMs: h.ttlMs, limit: h.limit, blockMs: h.blockMs ?? h.ttlMs };
  }

  private decisionOf({ name, limit, ttlMs }: LimiterHit, { hits: count, ttlMs: left }: WindowHit): RateLimitDecision {
    const allowed = count <= limit;
    const seconds = Math.max(1, Math.ceil(left / 1000));
    if (!allowed) this.rejections.inc({ limiter: name });
    return {
      limiter: name,
      allowed,
      limit,
      remaining: Math.max(0, limit - count),
      resetSeconds: seconds,
      retryAfterSeconds: allowed ? 0 : seconds,
      windowSeconds: Math.ceil(ttlMs / 1000),
    };
  }

  // The hash tag {tracker} keeps one caller's keys in one slot, should Redis ever be a cluster.
  private keyOf(name: CountingLimiter, tracker: string): string {
    return `${this.prefix}${name}:{${tracker}}`;
  }
}
