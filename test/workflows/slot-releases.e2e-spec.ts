import { randomUUID } from 'node:crypto';
import { ConcurrencyLimiter } from '@app/executions';
import { RedisService } from '@app/redis';
import { startTestApi, TestApi } from '../support/test-app';
import { eventually } from '../support/workflows';

// A grouped commit ends many runs in one turn of the event loop: their slot releases go to Redis as one
// script call, processed one after the other, each still holding a freed slot for a waiting job.
describe('tier slot releases of one event-loop turn, in one Redis call', () => {
  let api: TestApi;
  let limiter: ConcurrencyLimiter;
  let redis: RedisService;

  beforeAll(async () => {
    api = await startTestApi();
    limiter = api.app.get(ConcurrencyLimiter);
    redis = api.app.get(RedisService);
  });
  afterAll(() => api?.close());

  it('frees every slot, holds one for the waiting job, and sends one command for the turn', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()]; // FREE: 2 at once
    expect(await limiter.acquire(alice, 'FREE', 'a1')).toBe(true);
    expect(await limiter.acquire(alice, 'FREE', 'a2')).toBe(true);
    expect(await limiter.acquire(alice, 'FREE', 'a3', { jobId: 'job-waiting', queuedAt: Date.now() })).toBe(false);
    expect(await limiter.acquire(bob, 'FREE', 'b1')).toBe(true);

    const flushes = jest.spyOn(limiter as unknown as { releaseMany: (items: unknown[]) => Promise<string[]> }, 'releaseMany');
    await Promise.all([limiter.release(alice, 'FREE', 'a1'), limiter.release(bob, 'FREE', 'b1'), limiter.release(alice, 'FREE', 'a2')]);
    expect(flushes.mock.calls.map(([items]) => items.length)).toEqual([3]); // one script call for the three
    flushes.mockRestore();

    // a1's release left a slot free: it is held for the waiting job (which does not exist, so the wake gives it back).
    const running = await redis.client.zrange(`${redis.keyPrefix}concurrency:${alice}`, 0, -1);
    expect(running).toEqual(['job:job-waiting']);
    expect(await limiter.running(bob)).toBe(0);
    await eventually('the held slot given back', async () => (await limiter.running(alice)) === 0);
  });
});
