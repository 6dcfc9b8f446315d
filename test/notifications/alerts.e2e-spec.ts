import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Server } from 'node:http';
import request from 'supertest';
import { AlertRule, PrismaService } from '@app/database';
import { AlertEvaluator } from '@app/notifications';
import { makeAdmin, registerUser, RegisteredUser } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { deleteRedisKeys } from '../support/process-api';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, createWorkflow, runWorkflow, waitForExecution } from '../support/workflows';
import { createChannel, FAST_DELIVERY, signatureValid, startReplica, subscribe, waitForNotifications } from './support/notification-kit';

const SIGNING_SECRET = 'whsec-alerts-0123456789';
const failing = chain({ id: 'boom', type: 'flow.fail', params: { message: 'down again' } });
const passing = chain({ id: 'ok', type: 'data.set', params: { fields: { done: 'true' } } });
// Evaluated every second by both replicas' timers, besides the explicit calls below.
const FAST_ALERTS = { ...FAST_DELIVERY, ALERT_EVALUATION_INTERVAL_SECONDS: '1' };
const COOLDOWN_SECONDS = 6;

describe('alert rules', () => {
  let api: TestApi;
  let replica: Awaited<ReturnType<typeof startReplica>>;
  let server: Server;
  let hooks: LocalHttpServer;
  let owner: RegisteredUser;
  let workflowId: string;

  const rule = (id: string) => api.app.get(PrismaService).alertRule.findUniqueOrThrow({ where: { id } });
  const evaluate = (app: NestFastifyApplication, r: AlertRule) => app.get(AlertEvaluator).evaluate(r);

  beforeAll(async () => {
    hooks = await LocalHttpServer.start();
    hooks.route('/alerts', () => ({ status: 200, body: {} }));
    api = await startTestApi(FAST_ALERTS);
    replica = await startReplica(api, FAST_ALERTS);
    server = api.app.getHttpServer();
    owner = await registerUser(server);
    workflowId = (await createWorkflow(server, owner.authHeader, { name: 'flaky', definition: failing })).id;
    const runs = [await runWorkflow(server, owner.authHeader, workflowId), await runWorkflow(server, owner.authHeader, workflowId)];
    for (const id of runs) expect((await waitForExecution(server, owner.authHeader, id)).status).toBe('FAILED');
    const other = (await createWorkflow(server, owner.authHeader, { name: 'fine', definition: passing })).id;
    expect((await waitForExecution(server, owner.authHeader, await runWorkflow(server, owner.authHeader, other))).status).toBe('SUCCEEDED');
  });

  afterAll(async () => {
    await replica?.close();
    await api?.close();
    await hooks?.close();
    if (api) await deleteRedisKeys(api.config.redis.REDIS_KEY_PREFIX);
  });

  const create = (user: RegisteredUser, body: object) => request(server).post('/alerts/rules').set(user.authHeader).send(body);

  it('creates, reads, updates and deletes rules; 404 for other users', async () => {
    const res = await create(owner, {
      name: 'failures',
      metric: 'EXECUTION_FAILURE_COUNT',
      threshold: 10,
      windowSeconds: 300,
      enabled: false,
    }).expect(201);
    expect(res.body).toMatchObject({
      comparator: 'GT',
      cooldownSeconds: 3600,
      enabled: false,
      workflowId: null,
      lastTriggeredAt: null,
      lastValue: null,
    });
    const id = res.body.id;
    expect(
      (await request(server).get('/alerts/rules').set(owner.authHeader).expect(200)).body.items.map((r: { id: string }) => r.id),
    ).toContain(id);
    const patched = await request(server)
      .patch(`/alerts/rules/${id}`)
      .set(owner.authHeader)
      .send({ threshold: 3, comparator: 'GTE', workflowId })
      .expect(200);
    expect(patched.body).toMatchObject({ threshold: 3, comparator: 'GTE', workflowId });
    const stranger = await registerUser(server);
    await request(server).get(`/alerts/rules/${id}`).set(stranger.authHeader).expect(404);
    await request(server).patch(`/alerts/rules/${id}`).set(stranger.authHeader).send({ threshold: 1 }).expect(404);
    await request(server).delete(`/alerts/rules/${id}`).set(stranger.authHeader).expect(404);
    await request(server).delete(`/alerts/rules/${id}`).set(owner.authHeader).expect(204);
    await request(server).get(`/alerts/rules/${id}`).set(owner.authHeader).expect(404);
  });

  it('validates rules', async () => {
    await create(owner, { name: 'q', metric: 'QUEUE_DEPTH', threshold: 100, windowSeconds: 60 }).expect(403);
    await create(owner, { name: 'r', metric: 'EXECUTION_FAILURE_RATE', threshold: 25, windowSeconds: 60 }).expect(400);
    await create(owner, { name: 'w', metric: 'EXECUTION_FAILURE_COUNT', threshold: 1, windowSeconds: 1 }).expect(400);
    await create(owner, { name: 'm', metric: 'CPU', threshold: 1, windowSeconds: 60 }).expect(400);
    const stranger = await registerUser(server);
    await create(stranger, { name: 'x', metric: 'EXECUTION_FAILURE_COUNT', threshold: 1, windowSeconds: 60, workflowId }).expect(404);
  });

  it('measures failure count and rate, p95 duration (PostgreSQL) and queue depth (BullMQ)', async () => {
    const admin = await registerUser(server);
    await makeAdmin(api.app, admin.user.id);
    const measure = async (user: RegisteredUser, body: object) => {
      const created = await create(user, { name: 'probe', windowSeconds: 600, enabled: false, ...body }).expect(201);
      return (await evaluate(api.app, await rule(created.body.id))).value;
    };
    expect(await measure(owner, { metric: 'EXECUTION_FAILURE_COUNT', threshold: 1, workflowId })).toBe(2);
    expect(await measure(owner, { metric: 'EXECUTION_FAILURE_COUNT', threshold: 1 })).toBe(2);
    expect(await measure(owner, { metric: 'EXECUTION_FAILURE_RATE', threshold: 0.5 })).toBeCloseTo(2 / 3);
    const durations = (
      await api.app.get(PrismaService).execution.findMany({ where: { userId: owner.user.id }, select: { durationMs: true } })
    ).map((e) => e.durationMs!);
    const p95 = await measure(owner, { metric: 'P95_LATENCY_MS', threshold: 1_000 });
    expect(p95).toBeGreaterThanOrEqual(Math.min(...durations));
    expect(p95).toBeLessThanOrEqual(Math.max(...durations));
    expect(await measure(admin, { metric: 'QUEUE_DEPTH', threshold: 100 })).toBe(0);
    expect(await measure(admin, { metric: 'EXECUTION_FAILURE_COUNT', threshold: 1 })).toBe(0);
    // No finished executions: no rate and no percentile to judge, so such rules stay quiet.
    expect(await measure(admin, { metric: 'EXECUTION_FAILURE_RATE', threshold: 0.5 })).toBeNull();
    expect(await measure(admin, { metric: 'P95_LATENCY_MS', threshold: 1 })).toBeNull();
  });

  it('fires once across racing evaluators, not again within the cooldown, and again after it', async () => {
    const inbox = await createChannel(server, owner.authHeader, { type: 'IN_APP', name: 'alerts inbox' });
    const hook = await createChannel(server, owner.authHeader, {
      type: 'WEBHOOK',
      name: 'pager',
      url: hooks.url('/alerts'),
      secret: SIGNING_SECRET,
    });
    await subscribe(server, owner.authHeader, inbox.id, 'ALERT_FIRED');
    await subscribe(server, owner.authHeader, hook.id, 'ALERT_FIRED', workflowId);
    const created = await create(owner, {
      name: 'flaky fails',
      metric: 'EXECUTION_FAILURE_COUNT',
      comparator: 'GTE',
      threshold: 2,
      windowSeconds: 600,
      cooldownSeconds: COOLDOWN_SECONDS,
      workflowId,
    }).expect(201);
    const r = await rule(created.body.id);

    // Two replicas, three evaluations each, at once (their 1 s timers may join in too), then two more
    // right after: one firing in all, whoever wins it.
    const results = await Promise.all([api.app, replica.app, api.app, replica.app, api.app, replica.app].map((app) => evaluate(app, r)));
    expect(results.filter((e) => e.fired).length).toBeLessThanOrEqual(1);
    const again = await Promise.all([evaluate(api.app, r), evaluate(replica.app, r)]);
    expect(again.map((e) => e.fired)).toEqual([false, false]);
    expect(again.map((e) => e.value)).toEqual([2, 2]);
    const where = { userId: owner.user.id, event: 'ALERT_FIRED' as const, payload: { path: ['ruleId'], equals: r.id } };
    const first = await waitForNotifications(
      api.app,
      where,
      (rows) => rows.length === 2 && rows.every((n) => n.status === 'SENT'),
      'one alert per channel',
    );
    expect(first[0].title).toBe('Alert "flaky fails" fired');
    expect(first[0].body).toContain('failed executions is 2 for workflow');

    const view = await request(server).get(`/alerts/rules/${r.id}`).set(owner.authHeader).expect(200);
    expect(view.body).toMatchObject({ lastValue: 2, lastTriggeredAt: expect.any(String) });

    // After the cooldown the scheduled evaluation fires it again, on its own.
    const both = await waitForNotifications(
      api.app,
      where,
      (rows) => rows.length === 4,
      'a second alert after the cooldown',
      (COOLDOWN_SECONDS + 10) * 1_000,
    );
    const firedAt = [...new Set(both.map((n) => (n.payload as { firedAt: string }).firedAt))].map(Date.parse).sort();
    expect(firedAt).toHaveLength(2);
    expect(firedAt[1] - firedAt[0]).toBeGreaterThanOrEqual(COOLDOWN_SECONDS * 1_000);
    await request(server).patch(`/alerts/rules/${r.id}`).set(owner.authHeader).send({ enabled: false }).expect(200);

    await waitForNotifications(
      api.app,
      { ...where, channelId: hook.id },
      (rows) => rows.length === 2 && rows.every((n) => n.status === 'SENT'),
      'webhook alerts sent',
    );
    const posts = hooks.requestsTo('/alerts');
    expect(posts.every((p) => signatureValid(SIGNING_SECRET, p.headers['x-signature'], p.body))).toBe(true);
    expect(posts.map((p) => p.json as { event: string; payload: { value: number } })).toEqual([
      expect.objectContaining({ event: 'ALERT_FIRED', payload: expect.objectContaining({ value: 2, ruleId: r.id }) }),
      expect.objectContaining({ event: 'ALERT_FIRED', payload: expect.objectContaining({ value: 2, ruleId: r.id }) }),
    ]);
  });
});
