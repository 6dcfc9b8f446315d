import { Injectable } from '@nestjs/common';
import { RedisService } from '@app/redis';

const TTL_SECONDS = 24 * 3600;

/** Cancel requests reach running executions through Redis, checked between nodes. */
@Injectable()
export class CancellationService {
  constructor(private readonly redis: RedisService) {}

  async request(executionId: string): Promise<void> {
    await this.redis.client.set(this.key(executionId), '1', 'EX', TTL_SECONDS);
  }

  async isRequested(executionId: string): Promise<boolean> {
    try {
      return (await this.redis.client.exists(this.key(executionId))) === 1;
    } catch {
      return false;
    }
  }

  private key(executionId: string): string {
    return `${this.redis.keyPrefix}cancel:${executionId}`;
  }
}
