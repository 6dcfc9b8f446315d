import { Global, Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import { RedisModule, RedisService } from '@app/redis';
import { testConfig } from '../support/test-config';

const config = testConfig({ REDIS_KEY_PREFIX: `test-shutdown-${randomUUID()}:` });
const key = `${config.redis.REDIS_KEY_PREFIX}last-write`;

@Global()
@Module({ providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] })
class ConfigForTest {}

/** Like the trace recorder: writes to Redis once more while the application closes. */
@Injectable()
class LastWriteOnDestroy implements OnModuleDestroy {
  constructor(private readonly redis: RedisService) {}

  async onModuleDestroy(): Promise<void> {
    await this.redis.client.set(key, 'written while closing', 'EX', 60);
  }
}

@Module({ imports: [RedisModule], providers: [LastWriteOnDestroy] })
class WriterModule {}

describe('Redis connections at shutdown', () => {
  it('stay open until every module has been destroyed, and closing them logs no outage', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    const app = await Test.createTestingModule({ imports: [ConfigForTest, RedisModule, WriterModule] }).compile();
    await app.init();
    const { client } = app.get(RedisService);
    if (client.status !== 'ready') await new Promise((ready) => client.once('ready', ready));
    await app.close();
    // A late caller (a timer that fired during shutdown) finds the connection closed: refused, not an outage.
    await expect(client.get(key)).rejects.toThrow();

    const check = new Redis(config.redis.REDIS_URL);
    try {
      expect(await check.get(key)).toBe('written while closing');
      await check.del(key);
    } finally {
      check.disconnect();
    }
    expect(client.status).toBe('end');
    expect(warnings.mock.calls.map(([message]) => message)).toEqual([]);
    warnings.mockRestore();
  });

  it('closing while the connections are still being made (a short CLI command) logs no outage', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    for (let i = 0; i < 20; i++) {
      const redis = new RedisService(config);
      redis.createClient('blocking', 'worker');
      await redis.onModuleDestroy();
    }
    await new Promise((settled) => setTimeout(settled, 100));
    expect(warnings.mock.calls.map(([message]) => message)).toEqual([]);
    warnings.mockRestore();
  });
});
