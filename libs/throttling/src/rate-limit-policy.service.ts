import { Injectable } from '@nestjs/common';
import { AppConfig, parseTierTable, THROTTLE_TIERS, ThrottleEnv, ThrottleTier, TierTable } from '@app/config';
import { AdaptiveLoadService } from './adaptive-load.service';
import { CountingLimiter } from './limiter-names';

export interface LimiterWindow {
  /** The FREE tier's limit (what THROTTLE_<NAME>_LIMIT says). */
  limit: number;
  ttlMs: number;
  /** Which column of the tier table scales it; null = the same for every tier. */
  scale: 'perMinute' | 'burst' | null;
}

type LimitTable = Record<CountingLimiter, Record<ThrottleTier, number>>;

const SCALES: Record<CountingLimiter, LimiterWindow['scale']> = {
  api: 'perMinute',
  auth: null,
  webhook: 'perMinute',
  execution: 'perMinute',
  burst: 'burst',
  upload: 'perMinute',
};

/** Every limiter's window from the validated config (THROTTLE_<NAME>_LIMIT / _TTL_SECONDS). */
export function limiterWindows(env: ThrottleEnv): Record<CountingLimiter, LimiterWindow> {
  const window = (name: CountingLimiter, limit: number, ttlSeconds: number): LimiterWindow => ({
    limit,
    ttlMs: ttlSeconds * 1000,
    scale: SCALES[name],
  });
  return {
    api: window('api', env.THROTTLE_API_LIMIT, env.THROTTLE_API_TTL_SECONDS),
    auth: window('auth', env.THROTTLE_AUTH_LIMIT, env.THROTTLE_AUTH_TTL_SECONDS),
    webhook: window('webhook', env.THROTTLE_WEBHOOK_LIMIT, env.THROTTLE_WEBHOOK_TTL_SECONDS),
    execution: window('execution', env.THROTTLE_EXECUTION_LIMIT, env.THROTTLE_EXECUTION_TTL_SECONDS),
    burst: window('burst', env.THROTTLE_BURST_LIMIT, env.THROTTLE_BURST_TTL_SECONDS),
    upload: window('upload', env.THROTTLE_UPLOAD_LIMIT, env.THROTTLE_UPLOAD_TTL_SECONDS),
  };
}

/** A tier's limit: the FREE limit times the tier's row over the FREE row of the table. */
export function tierLimit(window: LimiterWindow, table: TierTable, tier: ThrottleTier): number {
  if (!window.scale) return window.limit;
  return Math.max(1, Math.round((window.limit * table[tier][window.scale]) / table.FREE[window.scale]));
}

/** Pressure tightens a limit by the factor, never below one request. */
export function tightened(limit: number, factor: number): number {
  return Math.max(1, Math.floor(limit * factor));
}

/** The numbers every limiter applies, per tier, precomputed: the hot path does two lookups. */
@Injectable()
export class RateLimitPolicy {
  readonly windows: Record<CountingLimiter, LimiterWindow>;
  readonly tiers: TierTable;
  private readonly normal: LimitTable;
  private readonly underPressure: LimitTable;

  constructor(
    config: AppConfig,
    private readonly adaptive: AdaptiveLoadService,
  ) {
    this.windows = limiterWindows(config.throttle);
    const tiers = parseTierTable(config.throttle.THROTTLE_TIER_TABLE);
    if (!tiers) throw new Error('THROTTLE_TIER_TABLE is invalid (the config validation should have refused it)');
    this.tiers = tiers;
    this.normal = this.table((limit) => limit);
    this.underPressure = this.table((limit) => tightened(limit, config.throttle.THROTTLE_ADAPTIVE_FACTOR));
  }

  /** The limit for a tier now; `adaptive: false` for a route that opted out of the adaptive limiter. */
  limit(name: CountingLimiter, tier: string | undefined, adaptive = true): number {
    const table = adaptive && this.adaptive.underPressure ? this.underPressure : this.normal;
    const row = table[name];
    return row[tier as ThrottleTier] ?? row.FREE;
  }

  ttlMs(name: CountingLimiter): number {
    return this.windows[name].ttlMs;
  }

  private table(adjust: (limit: number) => number): LimitTable {
    const entries = Object.entries(this.windows).map(([name, window]) => [
      name,
      Object.fromEntries(THROTTLE_TIERS.map((tier) => [tier, adjust(tierLimit(window, this.tiers, tier))])),
    ]);
    return Object.fromEntries(entries) as LimitTable;
  }
}
