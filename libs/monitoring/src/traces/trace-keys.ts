import { TraceScope } from './trace';

/**
 * Redis layout of the trace cache (all under REDIS_KEY_PREFIX):
 *   mon:m:<scope>:<minute>:<name>  hash of latency-bucket counts ("b<n>") and errors ("e"), 2 h TTL
 *   mon:h:<scope>:<hour>:<name>    the same per hour, 25 h TTL (24 h windows and hourly snapshots)
 *   mon:mn:<scope>:<minute>, mon:hn:<scope>:<hour>   sets of the names seen in that minute/hour
 *   mon:t:<scope>                  the most recent traces (JSON), capped list, 24 h TTL
 */
export type Resolution = 'm' | 'h';

export const RESOLUTION_MS: Record<Resolution, number> = { m: 60_000, h: 3_600_000 };
export const RESOLUTION_TTL_S: Record<Resolution, number> = { m: 2 * 3600, h: 25 * 3600 };
export const RECENT_TRACES_TTL_S = 24 * 3600;
export const RECENT_TRACES_KEPT = 1_000;

export const aggregateKey = (prefix: string, res: Resolution, scope: TraceScope, slot: number, name: string) =>
  `${prefix}mon:${res}:${scope}:${slot}:${name}`;
export const namesKey = (prefix: string, res: Resolution, scope: TraceScope, slot: number) => `${prefix}mon:${res}n:${scope}:${slot}`;
export const recentKey = (prefix: string, scope: TraceScope) => `${prefix}mon:t:${scope}`;
export const snapshotLockKey = (prefix: string, hourSlot: number) => `${prefix}mon:snapshot-lock:${hourSlot}`;

export const ERROR_FIELD = 'e';
export const bucketField = (bucket: number) => `b${bucket}`;
export const bucketOfField = (field: string) => (field.startsWith('b') ? Number(field.slice(1)) : null);

/** mon:ops:<res>:<slot>  hash of operations samples (rate-limit rejections and fallbacks, queue depth), same TTLs. */
export const opsKey = (prefix: string, res: Resolution, slot: number) => `${prefix}mon:ops:${res}:${slot}`;
