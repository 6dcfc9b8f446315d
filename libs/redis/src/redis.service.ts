import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@app/config';
import { closeRedisClient, createRedisClient, RedisRole } from './redis-client.factory';

/** Owns every Redis connection of the process: the shared request-path client and any extra ones. */
@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: Redis;
  private readonly extra = new Set<Redis>();

  constructor(private readonly config: AppConfig) {
    this.client = createRedisClient(config.redis, 'request', 'main');
  }

  get keyPrefix(): string {
    return this.config.redis.REDIS_KEY_PREFIX;
  }

  /** A further connection (BullMQ, subscribers); closed with the others on shutdown. */
  createClient(role: RedisRole, name: string): Redis {
    const client = createRedisClient(this.config.redis, role, name);
    this.extra.add(client);
    return client;
  }

  isReady(): boolean {
    return this.client.status === 'ready';
  }

  /** Nest destroys the modules that use Redis first: their last writes (trace flush, workers) still go out. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.client, ...this.extra].map(closeRedisClient));
  }
}
