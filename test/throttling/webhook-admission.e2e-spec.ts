import { randomUUID } from 'node:crypto';
import { ConcurrencyLimiter } from '@app/executions';
import { RateLimiter } from '@app/throttling';
import { startTestApi, TestApi } from '../support/test-app';
import { freshIp } from './support';

// A plain sync webhook call asks Redis once: its webhook limit hit and, only when the limit lets it
// through, its tier slot (RateLimiter.consumeThen with ConcurrencyLimiter.acquireStep), in one script.
describe('webhook admission: the rate limit hit and the tier slot in one Redis script', () => {
  let api: TestApi;
  let rateLimits: RateLimiter;
  let limiter: ConcurrencyLimiter;

  beforeAll(async () => {
    api = await startTestApi({ THROTTLE_ENABLED: 'true', THROTTLE_WEBHOOK_LIMIT: '2' });
    rateLimits = api.app.get(RateLimiter);
    limiter = api.app.get(ConcurrencyLimiter);
  });
  afterAll(() => api?.close());

  it('takes a slot only for calls the limit lets through, and says when the tier cap refuses one', async () => {
    const owner = randomUUID(); // FREE: 2 at once, and the webhook limit is 2 a minute per path and caller
    const ip = freshIp();
    const admit = (path: string, executionId: string) =>
      rateLimits.consumeThen('webhook', { scope: path, ip }, 'FREE', limiter.acquireStep(owner, 'FREE', executionId));

    const [first, second] = [await admit('admission-a', 'run-1'), await admit('admission-a', 'run-2')];
    expect([first.decision.allowed, first.step, first.decision.remaining]).toEqual([true, 1, 1]);
    expect([second.decision.allowed, second.step, second.decision.remaining]).toEqual([true, 1, 0]);

    const limited = await admit('admission-a', 'run-3');
    expect(limited.decision).toMatchObject({ allowed: false, limit: 2 });
    expect(limited.step).toBeNull();
    expect(await limiter.running(owner)).toBe(2); // run-3 holds nothing

    const overCap = await admit('admission-b', 'run-4'); // another path: within its limit, but both slots are taken
    expect([overCap.decision.allowed, overCap.step]).toEqual([true, 0]);
    expect(await limiter.running(owner)).toBe(2);

    await limiter.release(owner, 'FREE', 'run-1');
    expect((await admit('admission-b', 'run-5')).step).toBe(1);
    for (const id of ['run-2', 'run-5']) await limiter.release(owner, 'FREE', id);
    expect(await limiter.running(owner)).toBe(0);
  });
});
