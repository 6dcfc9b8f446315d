import { Counter, Registry } from 'prom-client';
import { loadConfig } from '@app/config';
import { RedisService } from '@app/redis';
import { RedisThrottlerStorage } from './redis-throttler.storage';

// No Redis listens on port 1: the storage must answer from memory at once, and keep limits.
describe('RedisThrottlerStorage without Redis', () => {
  let redis: RedisService;
  let fallbacks: Counter;
  let storage: RedisThrottlerStorage;

  beforeAll(() => {
    redis = new RedisService(loadConfig({ NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' }));
    fallbacks = new Counter({ name: 'rate_limit_fallbacks_total', help: 'test', registers: [new Registry()] });
    storage = new RedisThrottlerStorage(redis, fallbacks);
  });
  afterAll(() => redis.onModuleDestroy());

  it('falls back to memory within the call, keeps counting exactly, and counts each fallback', async () => {
    const started = Date.now();
    const records = [];
    for (let i = 0; i < 4; i++) records.push(await storage.increment('wp:rl:api:1.2.3.4', 60_000, 3, 60_000, 'api'));
    expect(Date.now() - started).toBeLessThan(100);
    expect(records.map((r) => r.isBlocked)).toEqual([false, false, false, true]);
    expect(records[3]).toMatchObject({ totalHits: 4, timeToBlockExpire: 60 });
    expect(storage.backend).toBe('memory');
    expect((await fallbacks.get()).values[0].value).toBe(4);
  });

  it('counts hits-then-step calls in memory and leaves the step to the caller (null)', async () => {
    const key = 'wp:rl:webhook:{hook@1.2.3.6}';
    const step = { name: 'spec', lua: 'local function step(keys, argv) return 1 end', keys: ['k'], args: [1] };
    const first = await storage.hitManyThen([{ key, ttlMs: 60_000, limit: 1, blockMs: 60_000 }], step);
    const second = await storage.hitManyThen([{ key, ttlMs: 60_000, limit: 1, blockMs: 60_000 }], step);
    expect([first.windows[0].hits, second.windows[0].hits]).toEqual([1, 2]);
    expect([first.step, second.step]).toEqual([null, null]);
  });

  it('gives hits back in memory too', async () => {
    const key = 'wp:rl:auth:{login@1.2.3.5}';
    for (let i = 0; i < 3; i++) await storage.hitMany([{ key, ttlMs: 60_000, limit: 5, blockMs: 60_000 }]);
    await storage.uncount([{ key, all: false }]);
    expect((await storage.hitMany([{ key, ttlMs: 60_000, limit: 5, blockMs: 60_000 }]))[0].hits).toBe(3);
    await storage.uncount([{ key, all: true }]);
    expect((await storage.hitMany([{ key, ttlMs: 60_000, limit: 5, blockMs: 60_000 }]))[0].hits).toBe(1);
  });
});
