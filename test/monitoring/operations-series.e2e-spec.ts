import { Server } from 'node:http';
import request from 'supertest';
import { makeAdmin, RegisteredUser, TEST_PASSWORD } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, createWorkflow, runWorkflow, waitForExecution } from '../support/workflows';

interface Point {
  at: string;
  requests: { count: number; errorCount: number; errorRate: number; throughput: number; p50Ms: number | null; p95Ms: number | null };
  executions: { count: number; errorCount: number; errorRate: number; p95Ms: number | null; p99Ms: number | null };
  rateLimitRejections: number;
  rateLimitFallbacks: number;
  queueWaiting: number | null;
  queueActive: number | null;
}

const sum = (points: Point[], pick: (p: Point) => number) => points.reduce((total, p) => total + pick(p), 0);

describe('GET /monitoring/timeseries (operations charts: trace cache + sampled counters in Redis)', () => {
  let api: TestApi;
  let server: Server;
  let admin: RegisteredUser;
  let user: RegisteredUser;

  beforeAll(async () => {
    // Rate limiting on with a tiny auth limit, so a few bad logins are refused with 429.
    api = await startTestApi({ THROTTLE_ENABLED: 'true', TRUST_PROXY: '127.0.0.1', THROTTLE_AUTH_LIMIT: '3' });
    server = api.app.getHttpServer();
    const from = { 'X-Forwarded-For': '198.51.100.1' };
    const register = (email: string) =>
      request(server).post('/auth/register').set(from).send({ email, password: TEST_PASSWORD, name: 'Ops' }).expect(201);
    const toUser = (res: request.Response, email: string): RegisteredUser => ({
      user: res.body.user,
      accessToken: res.body.accessToken,
      authHeader: { Authorization: `Bearer ${res.body.accessToken}` },
      email,
      password: TEST_PASSWORD,
    });
    admin = toUser(await register('ops-admin@example.com'), 'ops-admin@example.com');
    user = toUser(await register('ops-user@example.com'), 'ops-user@example.com');
    await makeAdmin(api.app, admin.user.id);
  });
  afterAll(() => api?.close());

  it('is for admins only: 403 for other users, 401 without credentials, 400 for an unknown window', async () => {
    await request(server).get('/monitoring/timeseries').set(user.authHeader).expect(403);
    await request(server).get('/monitoring/timeseries').expect(401);
    const bad = await request(server).get('/monitoring/timeseries?window=7d').set(admin.authHeader).expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400 });
  });

  it('gives one point per minute with requests, executions, rate-limit rejections and queue depth', async () => {
    const ok = await createWorkflow(server, user.authHeader, {
      name: 'ops-ok',
      definition: chain({ id: 'x', type: 'data.transform', params: { expression: '1' } }),
    });
    const failing = await createWorkflow(server, user.authHeader, {
      name: 'ops-fail',
      definition: chain({ id: 'stop', type: 'flow.fail', params: { message: 'no' } }),
    });
    for (const id of [ok.id, ok.id, failing.id])
      await waitForExecution(server, user.authHeader, await runWorkflow(server, user.authHeader, id));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await request(server)
        .post('/auth/login')
        .set({ 'X-Forwarded-For': '198.51.100.2' })
        .send({ email: user.email, password: 'wrong password, again' });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);

    const { body } = await request(server).get('/monitoring/timeseries?window=15m').set(admin.authHeader).expect(200);
    expect(body).toMatchObject({ window: '15m', resolutionSeconds: 60, from: expect.any(String), to: expect.any(String) });
    const points = body.points as Point[];
    expect(points).toHaveLength(15);
    expect(new Date(points[1].at).getTime() - new Date(points[0].at).getTime()).toBe(60_000);

    const executions = sum(points, (p) => p.executions.count);
    expect(executions).toBe(3);
    expect(sum(points, (p) => p.executions.errorCount)).toBe(1);
    const busy = points.find((p) => p.executions.count > 0)!;
    expect(busy.executions.p99Ms).toBeGreaterThanOrEqual(busy.executions.p95Ms!);
    expect(sum(points, (p) => p.requests.count)).toBeGreaterThan(10);
    const quiet = points.find((p) => p.requests.count === 0);
    if (quiet) expect(quiet.requests).toMatchObject({ p50Ms: null, throughput: 0, errorRate: 0 });

    // Counted per limiter (rate_limit_rejections_total): a request over two limits counts twice.
    expect(sum(points, (p) => p.rateLimitRejections)).toBeGreaterThanOrEqual(statuses.filter((s) => s === 429).length);
    expect(sum(points, (p) => p.rateLimitFallbacks)).toBe(0);
    const last = points[points.length - 1];
    expect(last.queueWaiting).toEqual(expect.any(Number));
    expect(last.queueActive).toEqual(expect.any(Number));
  });

  it('gives hour points for 24 h', async () => {
    const { body } = await request(server).get('/monitoring/timeseries?window=24h').set(admin.authHeader).expect(200);
    expect(body.resolutionSeconds).toBe(3600);
    expect(body.points).toHaveLength(24);
    expect(sum(body.points, (p: Point) => p.executions.count)).toBe(3);
  });
});
