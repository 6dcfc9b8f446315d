import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { GroupCommit } from '@app/common';
import { AppConfig } from '@app/config';
import { UserTier } from '@app/database';
import { RedisService } from '@app/redis';
import type { StepAfterHits } from '@app/throttling';
import { EXECUTION_QUEUE } from './execution-queue.constants';

// keys[1]: a sorted set per user of running execution ids scored by start time; entries older than
// the execution timeout are dropped, so a worker killed mid-run cannot leak a slot forever.
// keys[2]: the user's queued jobs refused a slot, scored by when they were queued (their place in line).
// A slot handed to a waiting job is held for it as "job:<id>", scored to go stale after a few seconds.
// Callers without a job (an inline run) never pass jobs already waiting.
// argv: member, now, limit, staleBefore, ttlMs, jobId ('' for none), queuedAt.
// A function named step, so that a webhook's rate limit hits can run it in their own script (StepAfterHits).
const ACQUIRE_STEP = `
local function step(keys, argv)
  redis.call('ZREMRANGEBYSCORE', keys[1], '-inf', argv[4])
  local job = argv[6]
  local admit = redis.call('ZSCORE', keys[1], argv[1])
    or (job ~= '' and redis.call('ZREM', keys[1], 'job:' .. job) == 1)
    or (redis.call('ZCARD', keys[1]) < tonumber(argv[3]) and (job ~= '' or redis.call('ZCARD', keys[2]) == 0))
  if admit then
    redis.call('ZADD', keys[1], argv[2], argv[1])
    redis.call('PEXPIRE', keys[1], argv[5])
    if job ~= '' then redis.call('ZREM', keys[2], job) end
    return 1
  end
  if job ~= '' then
    redis.call('ZADD', keys[2], argv[7], job)
    redis.call('PEXPIRE', keys[2], argv[5])
  end
  return 0
end
`;
const ACQUIRE = `${ACQUIRE_STEP}return step(KEYS, ARGV)`;

// Frees slots, one release after the other in one call: each removes its member and, when that leaves a
// slot free, holds it for the user's longest-waiting job, whose id it answers ('' for none).
// KEYS: the running and waiting sets of each release; ARGV per release: member, limit, reservation score, staleBefore.
const RELEASE_MANY = `
local out = {}
for i = 1, #KEYS / 2 do
  local running, waiting = KEYS[i * 2 - 1], KEYS[i * 2]
  redis.call('ZREM', running, ARGV[i * 4 - 3])
  redis.call('ZREMRANGEBYSCORE', running, '-inf', ARGV[i * 4])
  local next = ''
  if redis.call('ZCARD', running) < tonumber(ARGV[i * 4 - 2]) then
    next = redis.call('ZPOPMIN', waiting)[1] or ''
    if next ~= '' then redis.call('ZADD', running, ARGV[i * 4 - 1], 'job:' .. next) end
  end
  out[i] = next
end
return out`;

interface SlotRelease {
  userId: string;
  tier: UserTier;
  member: string;
  staleBefore: number;
}

/** A queued job asking for a slot: woken by a release (with the slot held for it) when refused. */
export interface WaitingJob {
  jobId: string;
  /** When the job was first queued: its place in line, kept when it is refused again. */
  queuedAt: number;
}

type ScriptCall<R> = (...args: (string | number)[]) => Promise<R>;
/** How long a slot stays held for a woken job that has not come for it (lost, or workers all busy). */
const HOLD_FOR_WOKEN_JOB_MS = 3_000;
/** A job can be woken only once delayed: one refused a moment ago and still moving there is tried again. */
const WAKE_RETRY_MS = 100;
const WAKE_ATTEMPTS = 3;
/** Release calls at once; the releases that come meanwhile wait for the next. */
const RELEASES_IN_FLIGHT = 4;

/**
 * Per-tier limit on executions running at once per user, shared by every worker and API replica.
 * A queued job refused a slot waits delayed in the queue; the release that frees a slot holds it for
 * the user's longest-waiting job and wakes that job at once (its delay is only the fallback).
 */
@Injectable()
export class ConcurrencyLimiter {
  private readonly logger = new Logger(ConcurrencyLimiter.name);
  private readonly staleAfterMs: number;
  private readonly takeSlot: ScriptCall<number>;
  private readonly releaseSlots: ScriptCall<string[]>;
  /**
   * The releases that one callback sets off go in one script call: a grouped commit ends many runs at
   * once, and each would otherwise send a command of its own. Flushed on nextTick, not at the end of the
   * turn: a release on the over-the-cap path wakes the next waiting run, which should not wait for more.
   */
  private readonly releases = new GroupCommit<SlotRelease, string>(
    (items) => this.releaseMany(items),
    RELEASES_IN_FLIGHT,
    process.nextTick,
  );

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisService,
    @InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue,
  ) {
    this.staleAfterMs = config.execution.EXECUTION_TIMEOUT_MS + 60_000;
    // defineCommand runs the script by its SHA (EVALSHA), not by sending its text every time.
    redis.client.defineCommand('wpTakeSlot', { numberOfKeys: 2, lua: ACQUIRE });
    redis.client.defineCommand('wpReleaseSlots', { lua: RELEASE_MANY }); // the key count goes first in each call
    const client = redis.client as unknown as Record<string, ScriptCall<never>>;
    this.takeSlot = (...args) => client.wpTakeSlot(...args);
    this.releaseSlots = (...args) => client.wpReleaseSlots(...args);
  }

  limitFor(tier: UserTier): number {
    return this.config.execution[`EXECUTION_CONCURRENCY_${tier}`];
  }

  /**
   * True when a slot is ours. A refused `waiting` job is woken by a release. With Redis unreachable
   * it admits (fails open) and says so.
   */
  async acquire(userId: string, tier: UserTier, executionId: string, waiting?: WaitingJob): Promise<boolean> {
    const { keys, args } = this.acquireStep(userId, tier, executionId, waiting);
    try {
      return (await this.takeSlot(...keys, ...args)) === 1;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, userId }, 'Concurrency limiter unavailable; admitting the execution');
      return true;
    }
  }

  /**
   * acquire() as a step for another script to run (a webhook's rate limit hits: RateLimiter.consumeThen);
   * it answers 1 when the slot is ours.
   */
  acquireStep(userId: string, tier: UserTier, executionId: string, waiting?: WaitingJob): StepAfterHits {
    const now = Date.now();
    return {
      name: 'takeSlot',
      lua: ACQUIRE_STEP,
      keys: [this.key(userId), this.waitingKey(userId)],
      args: [
        executionId,
        now,
        this.limitFor(tier),
        now - this.staleAfterMs,
        this.staleAfterMs,
        waiting?.jobId ?? '',
        waiting?.queuedAt ?? now,
      ],
    };
  }

  /** Frees the slot; a job waiting for one is woken without holding up the caller. */
  async release(userId: string, tier: UserTier, executionId: string): Promise<void> {
    const staleBefore = Date.now() - this.staleAfterMs;
    const next = await this.releases.submit({ userId, tier, member: executionId, staleBefore }).catch(() => '');
    if (next) void this.wake(userId, tier, next);
  }

  async running(userId: string): Promise<number> {
    return this.redis.client.zcard(this.key(userId));
  }

  /**
   * Moves the delayed job on to run now. One refused a moment ago may still be moving to delayed: it is
   * tried again shortly. One that is gone, or never became promotable, gives its held slot to the next in line.
   */
  private async wake(userId: string, tier: UserTier, jobId: string, attempt = 1): Promise<void> {
    try {
      const job = await Job.fromId(this.queue, jobId);
      if (job) return await job.promote();
    } catch (error) {
      if (attempt < WAKE_ATTEMPTS) return void setTimeout(() => void this.wake(userId, tier, jobId, attempt + 1), WAKE_RETRY_MS);
      this.logger.debug({ err: (error as Error).message, jobId }, 'A job waiting for a slot could not be woken');
    }
    await this.release(userId, tier, `job:${jobId}`);
  }

  private releaseMany(items: SlotRelease[]): Promise<string[]> {
    const keys: string[] = [];
    const args: (string | number)[] = [];
    for (const { userId, tier, member, staleBefore } of items) {
      keys.push(this.key(userId), this.waitingKey(userId));
      args.push(member, this.limitFor(tier), staleBefore + HOLD_FOR_WOKEN_JOB_MS, staleBefore);
    }
    return this.releaseSlots(keys.length, ...keys, ...args);
  }

  private key(userId: string): string {
    return `${this.redis.keyPrefix}concurrency:${userId}`;
  }

  private waitingKey(userId: string): string {
    return `${this.redis.keyPrefix}concurrency-waiting:${userId}`;
  }
}
