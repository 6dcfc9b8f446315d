import { Server } from 'node:http';
import request from 'supertest';
import { PrismaService } from '@app/database';
import { PerformanceService, PerformanceSnapshotService } from '@app/monitoring';
import { makeAdmin, registerUser, RegisteredUser } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, createWorkflow, runWorkflow, waitForExecution } from '../support/workflows';

const HOUR_MS = 3_600_000;

describe('performance monitoring (traces in Redis, real PostgreSQL)', () => {
  let api: TestApi;
  let server: Server;
  let owner: RegisteredUser;
  let other: RegisteredUser;
  let workflowId: string;

  beforeAll(async () => {
    api = await startTestApi();
    server = api.app.getHttpServer();
    owner = await registerUser(server);
    other = await registerUser(server);
    // One workflow that succeeds (run twice), one that fails (run once).
    ({ id: workflowId } = await createWorkflow(server, owner.authHeader, {
      name: 'perf-subject',
      definition: chain({ id: 'x', type: 'data.transform', params: { expression: '1' } }),
    }));
    const fail = await createWorkflow(server, owner.authHeader, {
      name: 'perf-fail',
      definition: chain({ id: 'stop', type: 'flow.fail', params: { message: 'no' } }),
    });
    for (const [id, body] of [
      [workflowId, {}],
      [workflowId, {}],
      [fail.id, {}],
    ] as const)
      await waitForExecution(server, owner.authHeader, await runWorkflow(server, owner.authHeader, id, body));
    // The other user has workflows too (one of them ran): never part of the owner's figures.
    const theirs = await createWorkflow(server, other.authHeader, {
      name: 'theirs',
      definition: chain({ id: 'x', type: 'data.transform', params: { expression: '2' } }),
    });
    await createWorkflow(server, other.authHeader, {
      name: 'theirs-idle',
      definition: chain({ id: 'x', type: 'data.transform', params: { expression: '3' } }),
    });
    await waitForExecution(server, other.authHeader, await runWorkflow(server, other.authHeader, theirs.id));
    for (let i = 0; i < 5; i++) await request(server).get('/workflows').set(owner.authHeader).expect(200);
  });
  afterAll(() => api?.close());

  const performance = (user: RegisteredUser, query: string) => request(server).get(`/monitoring/performance?${query}`).set(user.authHeader);

  it("reports count, p50/p95/p99, throughput and error rate per workflow, for the caller's own workflows only", async () => {
    const { body } = await performance(owner, 'window=15m&scope=workflow').expect(200);
    expect(body).toMatchObject({ window: '15m', from: expect.any(String), to: expect.any(String) });
    expect(body.routes).toBeUndefined();
    const subject = body.workflows.find((w: { workflowId: string }) => w.workflowId === workflowId);
    expect(subject).toMatchObject({ name: 'perf-subject', count: 2, errorCount: 0, errorRate: 0 });
    expect(subject.p50Ms).toBeGreaterThanOrEqual(0);
    expect(subject.p99Ms).toBeGreaterThanOrEqual(subject.p95Ms);
    expect(subject.p95Ms).toBeGreaterThanOrEqual(subject.p50Ms);
    expect(subject.throughput).toBeGreaterThan(0);
    const failing = body.workflows.find((w: { name: string }) => w.name === 'perf-fail');
    expect(failing).toMatchObject({ count: 1, errorCount: 1, errorRate: 1 });

    expect(body.workflows).toHaveLength(2);
    const { body: theirs } = await performance(other, 'window=1h').expect(200);
    expect(theirs.workflows).toEqual([expect.objectContaining({ name: 'theirs', count: 1 })]);
    expect(theirs.routes).toBeUndefined(); // not an admin
  });

  it('route figures are for admins; keyed by route template, never by raw URL', async () => {
    await performance(owner, 'scope=route').expect(403);
    await request(server)
      .get(`/executions/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)
      .set(owner.authHeader)
      .expect(404);
    await makeAdmin(api.app, other.user.id);
    const { body } = await performance(other, 'window=24h').expect(200);
    const list = body.routes.find((r: { name: string }) => r.name === 'GET /workflows');
    expect(list).toMatchObject({ method: 'GET', route: '/workflows', count: 5, errorCount: 0 });
    expect(body.routes.some((r: { route: string }) => r.route === '/executions/:id')).toBe(true);
    expect(JSON.stringify(body.routes)).not.toContain('00000000-0000');
    expect(body.workflows.map((w: { name: string }) => w.name)).toEqual(['theirs']); // still only their own workflows
  });

  it('rejects unknown windows and scopes', async () => {
    await performance(owner, 'window=7d').expect(400);
    await performance(owner, 'scope=user').expect(400);
  });

  it('keeps recent traces with a database span', async () => {
    const { body } = await request(server)
      .get('/monitoring/traces?scope=route&name=GET%20/workflows&limit=3')
      .set(other.authHeader)
      .expect(200);
    expect(body.items).toHaveLength(3);
    expect(body.items[0]).toMatchObject({
      scope: 'route',
      name: 'GET /workflows',
      status: 200,
      error: false,
      id: expect.any(String),
      spans: { db: { count: expect.any(Number), ms: expect.any(Number) } },
    });
    expect(body.items[0].spans.db.count).toBeGreaterThanOrEqual(1);
    const own = await request(server).get('/monitoring/traces').set(owner.authHeader).expect(200);
    expect(own.body.items.length).toBe(3);
    expect(new Set(own.body.items.map((t: { scope: string }) => t.scope))).toEqual(new Set(['workflow']));
    await request(server).get('/monitoring/traces?scope=route').set(owner.authHeader).expect(403);
  });

  it('serves p95 to other modules (alert rules)', async () => {
    const service = api.app.get(PerformanceService);
    const p = await service.percentiles('workflow', workflowId, 15 * 60_000);
    expect(p).toMatchObject({ count: 2, p50Ms: expect.any(Number), p95Ms: expect.any(Number), p99Ms: expect.any(Number) });
    expect(await service.percentiles('workflow', '11111111-1111-4111-8111-111111111111', 15 * 60_000)).toBeNull();
    expect((await service.stats('route', 'GET /workflows', HOUR_MS))?.errorRate).toBe(0);
  });

  it('persists hourly snapshots to PerformanceSnapshot (upsert; one replica per run)', async () => {
    const snapshots = api.app.get(PerformanceSnapshotService);
    const hourStart = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
    expect(await snapshots.persistHour(hourStart)).toBeGreaterThanOrEqual(3);
    expect(await snapshots.persistHour(hourStart)).toBeGreaterThanOrEqual(3); // again: updated, not duplicated
    const prisma = api.app.get(PrismaService);
    const rows = await prisma.performanceSnapshot.findMany({ where: { scope: 'workflow', name: workflowId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ windowStart: hourStart, windowEnd: new Date(hourStart.getTime() + HOUR_MS), count: 2, errorCount: 0 });
    expect(rows[0].throughput).toBeCloseTo(2 / 3600, 6);
    expect(await prisma.performanceSnapshot.count({ where: { scope: 'route', name: 'GET /workflows' } })).toBe(1);

    const now = Date.now() + 2 * HOUR_MS; // an hourly run two hours from now snapshots this hour
    expect(await snapshots.runOnce(now)).toBe(true);
    expect(await snapshots.runOnce(now)).toBe(false); // the lock: another replica's run at the same hour skips
  });
});
