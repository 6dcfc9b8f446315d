import { ValidateBy } from 'class-validator';
import { EnvBoolean, EnvInt, EnvNumber } from './env-decorators';

export const THROTTLE_TIERS = ['FREE', 'PRO', 'ENTERPRISE', 'ADMIN'] as const;
export type ThrottleTier = (typeof THROTTLE_TIERS)[number];
/** Requests per minute and burst per second of each tier. */
export type TierTable = Record<ThrottleTier, { perMinute: number; burst: number }>;

export const DEFAULT_TIER_TABLE = 'FREE:100/20,PRO:1000/100,ENTERPRISE:10000/500,ADMIN:100000/1000';

/** "FREE:100/20,PRO:1000/100,..." -> the table, or null unless every tier appears once with whole numbers >= 1. */
export function parseTierTable(text: string): TierTable | null {
  const table: Partial<TierTable> = {};
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([A-Z]+)\s*:\s*(\d+)\s*\/\s*(\d+)$/i.exec(entry);
    const tier = match?.[1].toUpperCase() as ThrottleTier | undefined;
    if (!match || !tier || !THROTTLE_TIERS.includes(tier) || table[tier]) return null;
    const [perMinute, burst] = [Number(match[2]), Number(match[3])];
    if (perMinute < 1 || burst < 1) return null;
    table[tier] = { perMinute, burst };
  }
  return THROTTLE_TIERS.every((tier) => table[tier]) ? (table as TierTable) : null;
}

/** Limits of the named limiters; for tier-based ones the limit is the FREE value (see the tier table). */
export class ThrottleEnv {
  @EnvBoolean()
  THROTTLE_ENABLED = true;

  @EnvInt(1)
  THROTTLE_API_LIMIT = 100;
  @EnvInt(1)
  THROTTLE_API_TTL_SECONDS = 60;

  @EnvInt(1)
  THROTTLE_AUTH_LIMIT = 5;
  @EnvInt(1)
  THROTTLE_AUTH_TTL_SECONDS = 900;

  @EnvInt(1)
  THROTTLE_WEBHOOK_LIMIT = 100;
  @EnvInt(1)
  THROTTLE_WEBHOOK_TTL_SECONDS = 60;

  @EnvInt(1)
  THROTTLE_EXECUTION_LIMIT = 30;
  @EnvInt(1)
  THROTTLE_EXECUTION_TTL_SECONDS = 60;

  @EnvInt(1)
  THROTTLE_BURST_LIMIT = 20;
  @EnvInt(1)
  THROTTLE_BURST_TTL_SECONDS = 1;

  @EnvInt(1)
  THROTTLE_UPLOAD_LIMIT = 10;
  @EnvInt(1)
  THROTTLE_UPLOAD_TTL_SECONDS = 60;

  /**
   * Tier table, requests per minute / burst per second. Each tier's limits are the FREE limits above
   * times its row divided by the FREE row (per-minute column; the burst column for BURST).
   */
  @ValidateBy({
    name: 'tierTable',
    validator: {
      validate: (value) => typeof value === 'string' && parseTierTable(value) !== null,
      defaultMessage: () =>
        `THROTTLE_TIER_TABLE must list each of ${THROTTLE_TIERS.join(', ')} once as TIER:perMinute/burst, e.g. ${DEFAULT_TIER_TABLE}`,
    },
  })
  THROTTLE_TIER_TABLE = DEFAULT_TIER_TABLE;

  /** Process CPU (share of one core per core) and heap use above which the adaptive limiter tightens. */
  @EnvNumber(0.1, 1)
  THROTTLE_ADAPTIVE_CPU_THRESHOLD = 0.85;
  @EnvNumber(0.1, 1)
  THROTTLE_ADAPTIVE_MEMORY_THRESHOLD = 0.9;
  /** Multiplier applied to every limit under pressure. */
  @EnvNumber(0.05, 1)
  THROTTLE_ADAPTIVE_FACTOR = 0.5;
}
