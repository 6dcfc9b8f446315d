import { Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type Redis from 'ioredis';
import { Counter } from 'prom-client';
import { RedisService } from '@app/redis';
import { MemoryWindowStore, WindowHit } from './memory-window.store';
import { RATE_LIMIT_FALLBACKS } from './throttling.metrics';

// One round trip per request, atomic across replicas, for all of the request's limiters at once:
// per key, count the hit, start the window on the first hit, and when the key first goes over its
// limit keep it blocked for blockMs (never shortening its window). argv holds ttl, limit, block per key.
const HIT_FUNCTION = `
local function hit(keys, argv)
  local out = {}
  for i, key in ipairs(keys) do
    local hits = redis.call('INCR', key)
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then
      ttl = tonumber(argv[i * 3 - 2])
      redis.call('PEXPIRE', key, ttl)
    end
    local block = tonumber(argv[i * 3])
    if hits == tonumber(argv[i * 3 - 1]) + 1 and block > ttl then
      ttl = block
      redis.call('PEXPIRE', key, ttl)
    end
    out[i * 2 - 1] = hits
    out[i * 2] = ttl
  end
  return out
end
`;
const HIT_SCRIPT = `${HIT_FUNCTION}return hit(KEYS, ARGV)`;

// The hits, then, only when every key is within its limit, the caller's step (a Lua function named
// step(keys, argv) returning an integer) on the keys and args after the hits'. ARGV[1]: the number of hit keys.
const HIT_THEN_MAIN = `
local n = tonumber(ARGV[1])
local keys, argv, stepKeys, stepArgv = {}, {}, {}, {}
for i = 1, #KEYS do
  if i <= n then keys[i] = KEYS[i] else stepKeys[i - n] = KEYS[i] end
end
for i = 2, #ARGV do
  if i <= n * 3 + 1 then argv[i - 1] = ARGV[i] else stepArgv[i - n * 3 - 1] = ARGV[i] end
end
local out = hit(keys, argv)
for i = 1, n do
  if out[i * 2 - 1] > tonumber(argv[i * 3 - 1]) then return out end
end
out[n * 2 + 1] = step(stepKeys, stepArgv)
return out`;

// Per key: ARGV[i] = 'all' deletes it, anything else takes one hit back (never creating a key or
// touching its expiry, so a window that ended meanwhile stays gone).
const UNCOUNT_SCRIPT = `
for i, key in ipairs(KEYS) do
  if ARGV[i] == 'all' then
    redis.call('DEL', key)
  elseif tonumber(redis.call('GET', key) or '0') > 1 then
    redis.call('DECR', key)
  else
    redis.call('DEL', key)
  end
end
return #KEYS`;

const COMMAND = 'wpRateLimitHit';
const UNCOUNT_COMMAND = 'wpRateLimitUncount';
const LOST = Symbol('connection lost');
/** @nestjs/throttler does not export its record type from the package root. */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
type HitScript = (numberOfKeys: number, ...keysThenArgs: (string | number)[]) => Promise<number[]>;

/** A hit given back: one of the key's hits, or all of them. */
export interface UncountRequest {
  key: string;
  all: boolean;
}

/**
 * A Redis step that runs right after the hits, in the same script and round trip, only when none of them
 * is over its limit (a webhook run's concurrency slot, taken only for a request the limits let through).
 */
export interface StepAfterHits {
  /** Names the combined command, once per distinct `lua`. */
  name: string;
  /** Defines `local function step(keys, argv)`, which returns an integer. */
  lua: string;
  keys: string[];
  args: (string | number)[];
}

/** The hits' windows, and the step's answer: `refused` when a hit went over its limit, `null` when Redis was not reached. */
export interface HitsThenStep {
  windows: WindowHit[];
  step: number | 'refused' | null;
}

/** One counted hit: the key and the window it is counted in. */
export interface HitRequest {
  key: string;
  ttlMs: number;
  limit: number;
  blockMs: number;
}

/** What ThrottlerStorage reports: counts, and times in whole seconds (at least 1 while a window is open). */
export function toStorageRecord({ hits, ttlMs }: WindowHit, limit: number): ThrottlerStorageRecord {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  const isBlocked = hits > limit;
  return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
}

/**
 * ThrottlerStorage on the shared fail-fast Redis client (RedisService.client: no offline queue, one
 * retry, command timeout). Not @nest-lab/throttler-storage-redis: its default client is the one that
 * hung requests 3–61 s and then answered 500 in an outage, and even with our client it has no
 * fallback; one Lua script and a memory store are less code than wrapping it.
 * While Redis is not ready, or a call fails, hits are counted in this process's memory: the request
 * is answered at once, the switch and the return are logged once each, and every fallback hit is
 * counted in rate_limit_fallbacks_total.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit:storage');
  private readonly memory = new MemoryWindowStore();
  private readonly client: Redis;
  private readonly hitScript: HitScript;
  private readonly uncountScript: HitScript;
  /** Calls in flight: a dropped connection answers them from memory at once instead of after retries. */
  private readonly inFlight = new Set<() => void>();
  private usingMemory = false;
  private readonly hitThenScripts = new Map<string, HitScript>();

  constructor(
    redis: RedisService,
    @InjectMetric(RATE_LIMIT_FALLBACKS) private readonly fallbacks: Counter,
  ) {
    this.client = redis.client;
    // defineCommand runs the script by its SHA (EVALSHA) and reloads it after a Redis restart (NOSCRIPT).
    if (!(COMMAND in this.client)) this.client.defineCommand(COMMAND, { lua: HIT_SCRIPT }); // the key count goes first in each call
    if (!(UNCOUNT_COMMAND in this.client)) this.client.defineCommand(UNCOUNT_COMMAND, { lua: UNCOUNT_SCRIPT });
    const client = this.client as unknown as Record<string, HitScript>;
    this.hitScript = (...args) => client[COMMAND](...args);
    this.uncountScript = (...args) => client[UNCOUNT_COMMAND](...args);
    this.client.on('close', () => {
      for (const abandon of this.inFlight) abandon();
      this.inFlight.clear();
    });
  }

  /** Where hits are counted right now. */
  get backend(): 'redis' | 'memory' {
    return this.usingMemory ? 'memory' : 'redis';
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName?: string,
  ): Promise<ThrottlerStorageRecord> {
    const [hit] = await this.hitMany([{ key, ttlMs: ttl, limit, blockMs: blockDuration }]);
    return toStorageRecord(hit, limit);
  }

  /** Several keys in one round trip (a route's limiters); the answers in the same order. */
  async hitMany(requests: HitRequest[]): Promise<WindowHit[]> {
    return (await this.hitsThen(requests, this.hitScript, [])).windows;
  }

  /**
   * The hits and then `step`, in one script call. Without Redis the hits are counted in memory as by
   * hitMany and the step is not run (`null`): the caller does it its own way.
   */
  hitManyThen(requests: HitRequest[], step: StepAfterHits): Promise<HitsThenStep> {
    return this.hitsThen(requests, this.hitThenScript(step), step.keys, step.args);
  }

  /** Runs `script` on the hits (then a step's keys and args, when given), or counts the hits in memory. */
  private async hitsThen(
    requests: HitRequest[],
    script: HitScript,
    stepKeys: string[],
    stepArgs?: (string | number)[],
  ): Promise<HitsThenStep> {
    // Checked first so an outage costs nothing: no command is even attempted while reconnecting.
    if (this.client.status !== 'ready') return { windows: this.fromMemory(`Redis connection ${this.client.status}`, requests), step: null };
    const args: (string | number)[] = requests.map((r) => r.key);
    args.push(...stepKeys);
    if (stepArgs) args.push(requests.length); // the step's script splits KEYS and ARGV at the hits' count
    for (const r of requests) args.push(r.ttlMs, r.limit, r.blockMs);
    if (stepArgs) args.push(...stepArgs);
    try {
      const result = await this.call(script, requests.length + stepKeys.length, args);
      if (result === LOST) return { windows: this.fromMemory('Redis connection closed', requests), step: null };
      this.backFromMemory();
      const windows = requests.map((_, i) => ({ hits: Number(result[i * 2]), ttlMs: Number(result[i * 2 + 1]) }));
      const stepped = result.length > requests.length * 2;
      return { windows, step: stepped ? Number(result[requests.length * 2]) : stepArgs ? 'refused' : null };
    } catch (error) {
      return { windows: this.fromMemory((error as Error).message, requests), step: null };
    }
  }

  /**
   * Gives hits back (a login that turned out right), in the store that counts right now: across a
   * switch between Redis and memory it may miss, or take one back from the other store's count.
   */
  async uncount(requests: UncountRequest[]): Promise<void> {
    if (!requests.length) return;
    if (this.client.status === 'ready') {
      try {
        const args = [...requests.map((r) => r.key), ...requests.map((r) => (r.all ? 'all' : 'one'))];
        if ((await this.call(this.uncountScript, requests.length, args)) !== LOST) return;
      } catch {
        // as for hits: memory below
      }
    }
    for (const r of requests) this.memory.uncount(r.key, r.all);
  }

  private backFromMemory(): void {
    if (!this.usingMemory) return;
    this.usingMemory = false;
    this.logger.log('Redis reachable again: rate limits are shared across replicas again');
  }

  /** The command running the hits then `step`, defined on first use (EVALSHA from then on). */
  private hitThenScript(step: StepAfterHits): HitScript {
    let script = this.hitThenScripts.get(step.name);
    if (!script) {
      const command = `wpRateLimitHitThen_${step.name}`;
      if (!(command in this.client)) this.client.defineCommand(command, { lua: `${HIT_FUNCTION}${step.lua}${HIT_THEN_MAIN}` });
      const client = this.client as unknown as Record<string, HitScript>;
      script = (...args) => client[command](...args);
      this.hitThenScripts.set(step.name, script);
    }
    return script;
  }

  private call(script: HitScript, keys: number, args: (string | number)[]): Promise<number[] | typeof LOST> {
    return new Promise((resolve, reject) => {
      const abandon = () => resolve(LOST);
      this.inFlight.add(abandon);
      script(keys, ...args).then(
        (value) => {
          this.inFlight.delete(abandon);
          resolve(value);
        },
        (error: unknown) => {
          this.inFlight.delete(abandon);
          reject(error);
        },
      );
    });
  }

  private fromMemory(reason: string, requests: HitRequest[]): WindowHit[] {
    this.fallbacks.inc(requests.length);
    if (!this.usingMemory) {
      this.usingMemory = true;
      this.logger.warn({ reason }, 'Redis unreachable: rate limits fall back to per-process memory until it is back');
    }
    return requests.map((r) => this.memory.hit(r.key, r.ttlMs, r.limit, r.blockMs));
  }
}
