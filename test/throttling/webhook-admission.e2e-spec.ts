import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { ConcurrencyLimiter } from '@app/executions';
import { RateLimiter } from '@app/throttling';
import { startApiWithUser, TestApi } from '../support/test-app';
import { activate, AuthHeader, chainFrom, createWorkflow, eventually } from '../support/workflows';
import { freshIp, from } from './support';

// A plain sync webhook call asks Redis once: its webhook limit hit and, only when the limit lets it
// through, its tier slot (RateLimiter.consumeThen with ConcurrencyLimiter.acquireStep), in one script.
describe('webhook admission: the rate limit hit and the tier slot in one Redis script', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;
  let ownerId: string;
  let rateLimits: RateLimiter;
  let limiter: ConcurrencyLimiter;

  beforeAll(async () => {
    let user: { id: string };
    ({ api, server, auth, user } = await startApiWithUser({
      THROTTLE_ENABLED: 'true',
      THROTTLE_WEBHOOK_LIMIT: '2',
      TRUST_PROXY: '127.0.0.1',
    }));
    ownerId = user.id;
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

  it('over HTTP: sync and async (eager) calls run within the limit, a refused one starts nothing and holds no slot', async () => {
    const double = { id: 'double', type: 'data.transform', params: { expression: '{ "twice": trigger.body.n * 2 }' } };
    for (const mode of ['sync', 'async']) {
      const path = `admission-${mode}`;
      const definition = chainFrom({ id: 'hook', type: 'trigger.webhook', params: { path, mode } }, double);
      const { id: workflowId } = await createWorkflow(server, auth, { name: path, definition });
      await activate(server, auth, workflowId);
      const ip = freshIp();
      const call = (n: number) => request(server).post(`/webhook/${path}`).set(from(ip)).send({ n });

      const answers = [await call(1), await call(2), await call(3)];
      expect(answers.map((a) => a.status)).toEqual(mode === 'sync' ? [200, 200, 429] : [202, 202, 429]);
      if (mode === 'sync') expect(answers[1].body).toEqual({ twice: 4 });
      else expect(answers[1].body).toMatchObject({ status: 'SUCCEEDED' }); // started eagerly with its slot
      expect(answers[2].body.message).toMatch(/\(webhook: 2 per 60 s\)/);
      expect(answers[1].headers['ratelimit-remaining']).toBe('0');

      const listed = await request(server).get('/executions').query({ workflowId }).set(auth).expect(200);
      expect(listed.body.items.map((e: { status: string }) => e.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
      await eventually('the slots freed', async () => (await limiter.running(ownerId)) === 0);
    }
  });
});
