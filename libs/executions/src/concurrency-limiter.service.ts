import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { UserTier } from '@app/database';
import { RedisService } from '@app/redis';

// A sorted set per user of running execution ids scored by start time: entries older than the
// execution timeout are dropped, so a worker killed mid-run cannot leak a slot forever.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[4])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
  return 1
end
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

/** Per-tier limit on executions running at once per user, shared by every worker and API replica. */
@Injectable()
export class ConcurrencyLimiter {
  private readonly logger = new Logger(ConcurrencyLimiter.name);
  private readonly staleAfterMs: number;

  private readonly acquireSlot: (
    key: string,
    member: string,
    now: number,
    limit: number,
    staleBefore: number,
    ttlMs: number,
  ) => Promise<number>;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {
    this.staleAfterMs = config.execution.EXECUTION_TIMEOUT_MS + 60_000;
    // defineCommand runs the script by its SHA (EVALSHA), not by sending its text every time.
    redis.client.defineCommand('wpAcquireSlot', { numberOfKeys: 1, lua: ACQUIRE });
    const client = redis.client as unknown as Record<string, (...args: unknown[]) => Promise<number>>;
    this.acquireSlot = (...args) => client.wpAcquireSlot(...args);
  }

  limitFor(tier: UserTier): number {
    return this.config.execution[`EXECUTION_CONCURRENCY_${tier}`];
  }

  /** True when a slot is ours. With Redis unreachable it admits (fails open) and says so once. */
  async acquire(userId: string, tier: UserTier, executionId: string): Promise<boolean> {
    const now = Date.now();
    try {
      const result = await this.acquireSlot(
        this.key(userId),
        executionId,
        now,
        this.limitFor(tier),
        now - this.staleAfterMs,
        this.staleAfterMs,
      );
      return result === 1;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, userId }, 'Concurrency limiter unavailable; admitting the execution');
      return true;
    }
  }

  async release(userId: string, executionId: string): Promise<void> {
    await this.redis.client.zrem(this.key(userId), executionId).catch(() => undefined);
  }

  async running(userId: string): Promise<number> {
    return this.redis.client.zcard(this.key(userId));
  }

  private key(userId: string): string {
    return `${this.redis.keyPrefix}concurrency:${userId}`;
  }
}
