import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisService } from '@app/redis';
import { withTimeout } from '@app/common';

@Injectable()
export class RedisIndicator {
  constructor(
    private readonly redis: RedisService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(timeoutMs: number) {
    const indicator = this.indicators.check('redis');
    try {
      await withTimeout(this.redis.client.ping(), timeoutMs, 'Redis');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message, connection: this.redis.client.status });
    }
  }
}
