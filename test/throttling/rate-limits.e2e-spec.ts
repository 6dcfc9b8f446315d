import { Server } from 'node:http';
import request from 'supertest';
import { AdaptiveLoadService } from '@app/throttling';
import { setUserTier, TEST_PASSWORD } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { activate, chain, createWorkflow } from '../support/workflows';
import { freshIp, from, LimitedUser, rateHeaders, registerFrom } from './support';

// Small limits: FREE api 5/min, auth 3 per 15 min, execution 2/min, webhook 2/min. The tier table
// is overridden so ENTERPRISE has a loose api limit (500/min) but a burst of 3/s.
const LIMITS = {
  THROTTLE_ENABLED: 'true',
  TRUST_PROXY: '127.0.0.1',
  THROTTLE_API_LIMIT: '5',
  THROTTLE_AUTH_LIMIT: '3',
  THROTTLE_EXECUTION_LIMIT: '2',
  THROTTLE_WEBHOOK_LIMIT: '2',
  THROTTLE_BURST_LIMIT: '20',
  THROTTLE_TIER_TABLE: 'FREE:100/20,PRO:1000/100,ENTERPRISE:10000/3,ADMIN:100000/1000',
  THROTTLE_ADAPTIVE_FACTOR: '0.5',
};

describe('rate limiting (in-process API, Redis storage)', () => {
  let api: TestApi;
  let server: Server;
  let adaptive: AdaptiveLoadService;

  beforeAll(async () => {
    api = await startTestApi(LIMITS);
    server = api.app.getHttpServer();
    adaptive = api.app.get(AdaptiveLoadService);
    // Readings are injected below; the sampler must not flip limits on a busy test machine meanwhile.
    adaptive.stopSampling();
    adaptive.observe({ cpu: 0, memory: 0 });
  });
  afterAll(() => api?.close());

  const me = (user: LimitedUser, ip: string) => request(server).get('/auth/me').set(user.auth).set(from(ip));

  /** A new user (registered from an address of its own, so the auth limiter stays out of the way). */
  async function newUser(tier?: 'PRO' | 'ENTERPRISE'): Promise<LimitedUser> {
    const user = await registerFrom(server, freshIp());
    if (tier) await setUserTier(api.app, user.id, tier);
    return user;
  }

  it('FREE: the api limit admits 5 a minute with RateLimit headers counting down, then 429 + Retry-After', async () => {
    const ip = freshIp();
    const user = await newUser();
    const seen = [];
    for (let i = 0; i < 5; i++) {
      const res = await me(user, ip).expect(200);
      seen.push(rateHeaders(res));
    }
    expect(seen.map((h) => [h.limit, h.remaining])).toEqual([
      ['5', '4'],
      ['5', '3'],
      ['5', '2'],
      ['5', '1'],
      ['5', '0'],
    ]);
    expect(Number(seen[0].reset)).toBeGreaterThanOrEqual(59);
    const refused = await me(user, ip).expect(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^Rate limit exceeded \(api: 5 per 60 s\)/),
    });
    const headers = rateHeaders(refused);
    expect(Number(headers.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(headers.retryAfter)).toBeLessThanOrEqual(60);
    expect([headers.limit, headers.remaining]).toEqual(['5', '0']);
  });

  it('PRO scales from the tier table (×10): 50 a minute', async () => {
    const ip = freshIp();
    const user = await newUser('PRO');
    for (let i = 0; i < 7; i++) expect(rateHeaders(await me(user, ip).expect(200)).limit).toBe('50');
  });

  it('counts per user and client IP when authenticated, per IP otherwise', async () => {
    const ip = freshIp();
    const [a, b] = [await newUser(), await newUser()];
    for (let i = 0; i < 5; i++) await me(a, ip).expect(200);
    await me(a, ip).expect(429);
    expect(rateHeaders(await me(b, ip).expect(200)).remaining).toBe('4'); // another user, same IP
    expect(rateHeaders(await me(a, freshIp()).expect(200)).remaining).toBe('4'); // same user, another IP
  });

  it('auth: 3 registrations per 15 minutes per IP; logins from that IP are not affected (see login-attempts)', async () => {
    const ip = freshIp();
    const users = [];
    for (let i = 0; i < 3; i++) users.push(await registerFrom(server, ip));
    const refused = await request(server)
      .post('/auth/register')
      .set(from(ip))
      .send({ email: 'late@example.com', password: TEST_PASSWORD, name: 'Late' });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/auth: 3 per 900 s/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    const login = await request(server)
      .post('/auth/login')
      .set(from(ip))
      .send({ email: users[0].email, password: TEST_PASSWORD })
      .expect(200);
    expect(rateHeaders(login).limit).toBe('3');
  });

  it('composition: a run carries api + execution and the strictest wins (its numbers in the headers)', async () => {
    const ip = freshIp();
    const user = await newUser();
    const run = (id: string) => request(server).post(`/workflows/${id}/run`).set(user.auth).set(from(ip)).send({});
    const workflow = await createWorkflow(server, { ...user.auth, ...from(ip) } as never, {
      name: 'rl-run',
      definition: chain({ id: 'set', type: 'data.set', params: { fields: { a: '1' } } }),
    });
    expect(rateHeaders(await run(workflow.id).expect(202))).toMatchObject({ limit: '2', remaining: '1' }); // execution 1/2 (api 2/5)
    expect(rateHeaders(await run(workflow.id).expect(202))).toMatchObject({ limit: '2', remaining: '0' });
    const refused = await run(workflow.id).expect(429);
    expect(refused.body.message).toMatch(/\(execution: 2 per 60 s\)/);
    // The api limiter counted the refused run too (4 of 5); other routes still answer.
    expect(rateHeaders(await me(user, ip).expect(200))).toMatchObject({ limit: '5', remaining: '0' });
    await me(user, ip).expect(429);
  });

  it('burst: a tier with a tight burst (ENTERPRISE 3/s here) is stopped by burst, not by api', async () => {
    const ip = freshIp();
    const user = await newUser('ENTERPRISE');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await me(user, ip));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 429]);
    expect(answers[2].headers['ratelimit-limit']).toBe('3'); // burst (0 left) is stricter than api (497 left)
    expect(answers[3].body.message).toMatch(/\(burst: 3 per 1 s\)/);
    expect(answers[3].headers['retry-after']).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await me(user, ip).expect(200);
  });

  it('webhook: 2 a minute per path and caller IP for a FREE owner, ×10 for a PRO owner; headers on replies', async () => {
    const hook = async (owner: LimitedUser, path: string) => {
      const auth = { ...owner.auth, ...from(freshIp()) } as never;
      const { id } = await createWorkflow(server, auth, {
        name: `hook ${path}`,
        definition: {
          nodes: [
            { id: 'hook', type: 'trigger.webhook', params: { path } },
            { id: 'reply', type: 'flow.respond', params: { status: 200, body: '{ "ok": true }' } },
          ],
          edges: [{ from: 'hook', to: 'reply' }],
        },
      });
      await activate(server, auth, id);
    };
    const [free, pro] = [await newUser(), await newUser('PRO')];
    await hook(free, 'rl-free');
    await hook(pro, 'rl-pro');
    const call = (path: string, ip: string) => request(server).post(`/webhook/${path}`).set(from(ip)).send({});

    const ip = freshIp();
    expect(rateHeaders(await call('rl-free', ip).expect(200))).toMatchObject({ limit: '2', remaining: '1' });
    await call('rl-free', ip).expect(200);
    const refused = await call('rl-free', ip).expect(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/\(webhook: 2 per 60 s\)/),
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await call('rl-free', freshIp()).expect(200); // another caller
    for (let i = 0; i < 3; i++) expect(rateHeaders(await call('rl-pro', ip).expect(200)).limit).toBe('20'); // another path, PRO owner
  });

  it('adaptive: pressure halves every limit; they relax when it is gone', async () => {
    const ip = freshIp();
    const user = await newUser();
    adaptive.observe({ cpu: 0.99, memory: 0.2 });
    try {
      expect(rateHeaders(await me(user, ip).expect(200))).toMatchObject({ limit: '2', remaining: '1' });
      await me(user, ip).expect(200);
      await me(user, ip).expect(429);
    } finally {
      adaptive.observe({ cpu: 0, memory: 0 });
    }
    expect(rateHeaders(await me(user, ip).expect(200))).toMatchObject({ limit: '5', remaining: '1' });
  });

  it('health, metrics and docs are never limited and carry no RateLimit headers', async () => {
    const ip = freshIp();
    for (const path of ['/health', '/health/live', '/health/ready', '/health/startup', '/docs-json', '/metrics'])
      for (let i = 0; i < 8; i++) {
        const res = await request(server).get(path).set(from(ip));
        expect(res.status).not.toBe(429);
        if (path !== '/metrics') expect(res.status).toBe(200);
        expect(res.headers['ratelimit-limit']).toBeUndefined();
      }
  });
});
