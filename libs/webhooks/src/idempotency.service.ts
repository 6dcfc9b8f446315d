import { BadRequestException, Injectable } from '@nestjs/common';
import { RedisService } from '@app/redis';

const TTL_SECONDS = 24 * 3600;
const KEY_PATTERN = /^[\w.:-]{1,200}$/;
// Deletes the key only while it still names this execution: a late release never frees someone else's claim.
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface IdempotencyHolder {
  executionId: string;
  /** Hash of the request that claimed the key; null for claims written before fingerprints. */
  fingerprint: string | null;
}

/**
 * `Idempotency-Key`: the first request with a key claims it for 24 h; repeats of the same request get
 * the same execution. A claim whose execution could not be recorded is released again.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly redis: RedisService) {}

  validate(key: string | undefined): string | null {
    if (key === undefined) return null;
    if (!KEY_PATTERN.test(key)) throw new BadRequestException('Idempotency-Key must be 1-200 characters of letters, digits, . _ : -');
    return key;
  }

  /** Null when the key is ours now; otherwise what already holds it. */
  async claim(workflowId: string, key: string, executionId: string, fingerprint: string): Promise<IdempotencyHolder | null> {
    const redisKey = this.redisKey(workflowId, key);
    const claimed = await this.redis.client.set(redisKey, encode(executionId, fingerprint), 'EX', TTL_SECONDS, 'NX');
    if (claimed === 'OK') return null;
    const held = await this.redis.client.get(redisKey);
    // Released between our SET and GET: try once more rather than report a holder that is gone.
    if (held === null) return this.claim(workflowId, key, executionId, fingerprint);
    return decode(held);
  }

  /** The current holder, or null when the key is free (released or expired). */
  async holder(workflowId: string, key: string): Promise<IdempotencyHolder | null> {
    const held = await this.redis.client.get(this.redisKey(workflowId, key));
    return held === null ? null : decode(held);
  }

  async release(workflowId: string, key: string, executionId: string, fingerprint: string): Promise<void> {
    await this.redis.client.eval(RELEASE_SCRIPT, 1, this.redisKey(workflowId, key), encode(executionId, fingerprint));
  }

  private redisKey(workflowId: string, key: string): string {
    return `${this.redis.keyPrefix}idem:${workflowId}:${key}`;
  }
}

function encode(executionId: string, fingerprint: string): string {
  return `${executionId}:${fingerprint}`;
}

function decode(value: string): IdempotencyHolder {
  const [executionId, fingerprint] = value.split(':', 2);
  return { executionId, fingerprint: fingerprint ?? null };
}
