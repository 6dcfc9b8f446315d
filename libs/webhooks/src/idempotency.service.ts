import { BadRequestException, Injectable } from '@nestjs/common';
import { RedisService } from '@app/redis';

const TTL_SECONDS = 24 * 3600;
const KEY_PATTERN = /^[\w.:-]{1,200}$/;

/** `Idempotency-Key`: the first request with a key claims it for 24 h; repeats get the same execution. */
@Injectable()
export class IdempotencyService {
  constructor(private readonly redis: RedisService) {}

  validate(key: string | undefined): string | null {
    if (key === undefined) return null;
    if (!KEY_PATTERN.test(key)) throw new BadRequestException('Idempotency-Key must be 1-200 characters of letters, digits, . _ : -');
    return key;
  }

  /** Null when the key is ours now; otherwise the execution id that already holds it. */
  async claim(workflowId: string, key: string, executionId: string): Promise<string | null> {
    const redisKey = `${this.redis.keyPrefix}idem:${workflowId}:${key}`;
    const claimed = await this.redis.client.set(redisKey, executionId, 'EX', TTL_SECONDS, 'NX');
    return claimed === 'OK' ? null : await this.redis.client.get(redisKey);
  }
}
