import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { AppConfig } from '@app/config';
import { RedisService } from '@app/redis';
import { errorMessage } from '@app/common';
import { whenRedisReady } from '../util/redis-ready.util';

/** Delete / extend only while the key still holds our token: never release a lock another holder took over. */
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** A held lock; renewed in the background until released, so a long backup keeps it. */
export class RedisLock {
  private readonly logger = new Logger(RedisLock.name);
  private readonly renewal: NodeJS.Timeout;

  constructor(
    private readonly client: Redis,
    readonly key: string,
    private readonly token: string,
    ttlMs: number,
  ) {
    this.renewal = setInterval(() => void this.extend(ttlMs), Math.floor(ttlMs / 3));
    this.renewal.unref();
  }

  async release(): Promise<void> {
    clearInterval(this.renewal);
    try {
      await this.client.eval(RELEASE_SCRIPT, 1, this.key, this.token);
    } catch (error) {
      // It expires on its own after the TTL.
      this.logger.warn({ key: this.key, err: errorMessage(error) }, 'Could not release the lock; it will expire');
    }
  }

  private async extend(ttlMs: number): Promise<void> {
    try {
      const extended = await this.client.eval(EXTEND_SCRIPT, 1, this.key, this.token, String(ttlMs));
      if (extended !== 1) this.logger.warn({ key: this.key }, 'Lost the lock (expired or taken over); the run continues');
    } catch (error) {
      this.logger.warn({ key: this.key, err: errorMessage(error) }, 'Could not extend the lock');
    }
  }
}

/**
 * Distributed locks on the platform's Redis: `SET key token NX PX ttl`, released with a Lua
 * compare-and-delete. Hand-written because no maintained lock library (redlock) is installed, and a
 * single Redis needs no quorum: this is the single-instance algorithm from the Redis documentation.
 */
@Injectable()
export class RedisLockService {
  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {}

  /** The lock, or null when someone else holds it. Throws when Redis is unreachable. */
  async acquire(name: string, ttlMs: number): Promise<RedisLock | null> {
    const key = this.redis.keyPrefix + name;
    const token = randomUUID();
    const client = await this.ready();
    const ok = await client.set(key, token, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? new RedisLock(client, key, token, ttlMs) : null;
  }

  /** Claims a one-off key (never released, it expires): true for the first caller only. */
  async claim(name: string, ttlMs: number): Promise<boolean> {
    const client = await this.ready();
    return (await client.set(this.redis.keyPrefix + name, randomUUID(), 'PX', ttlMs, 'NX')) === 'OK';
  }

  private async ready(): Promise<Redis> {
    await whenRedisReady(this.redis.client, this.config.redis.REDIS_CONNECT_TIMEOUT_MS + 1_000);
    return this.redis.client;
  }
}
