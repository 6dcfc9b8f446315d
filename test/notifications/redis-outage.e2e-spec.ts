import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { ExecutionEvents, ExecutionFinished } from '@app/executions';
import { EventNotifier } from '@app/notifications';
import { RedisService } from '@app/redis';
import { registerUser, RegisteredUser } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { TestRedisServer } from '../support/processes';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, createWorkflow, eventually, runWorkflow, waitForExecution } from '../support/workflows';
import { createChannel, FAST_DELIVERY, signatureValid, subscribe, waitForNotifications } from './support/notification-kit';

const SIGNING_SECRET = 'whsec-outage-0123456789';

/** The API on a Redis of the test's own, which the test kills and restarts (empty, like a pod restart). */
describe('notifications while Redis is down', () => {
  let redis: TestRedisServer;
  let hooks: LocalHttpServer;
  let api: TestApi;
  let server: Server;
  let owner: RegisteredUser;
  let workflowId: string;
  let redisDown = false;

  beforeAll(async () => {
    [redis, hooks] = await Promise.all([TestRedisServer.start(), LocalHttpServer.start()]);
    hooks.route('/hook', () => ({ status: 200, body: {} }));
    api = await startTestApi({ ...FAST_DELIVERY, REDIS_URL: redis.url });
    server = api.app.getHttpServer();
    owner = await registerUser(server);
    const hook = await createChannel(server, owner.authHeader, {
      type: 'WEBHOOK',
      name: 'hook',
      url: hooks.url('/hook'),
      secret: SIGNING_SECRET,
    });
    const inbox = await createChannel(server, owner.authHeader, { type: 'IN_APP', name: 'inbox' });
    for (const channel of [hook, inbox]) await subscribe(server, owner.authHeader, channel.id, 'EXECUTION_FAILED');
    workflowId = (
      await createWorkflow(server, owner.authHeader, {
        name: 'outage',
        definition: chain({ id: 'boom', type: 'flow.fail', params: { message: 'x' } }),
      })
    ).id;
  });

  afterAll(async () => {
    if (redisDown) await redis.start(); // closing BullMQ workers waits for Redis
    await api?.close();
    await redis?.stop();
    await hooks?.close();
  });

  const failed = (): ExecutionFinished => ({
    executionId: randomUUID(),
    workflowId,
    userId: owner.user.id,
    status: 'FAILED',
    trigger: 'WEBHOOK',
    durationMs: 12,
    error: 'x',
  });
  const byExecution = (id: string) => ({ payload: { path: ['executionId'], equals: id } });

  it('delivers normally with Redis up', async () => {
    const execution = await waitForExecution(server, owner.authHeader, await runWorkflow(server, owner.authHeader, workflowId));
    await waitForNotifications(
      api.app,
      byExecution(execution.id),
      (rows) => rows.length === 2 && rows.every((n) => n.status === 'SENT'),
      'baseline delivery',
    );
  });

  it('stores notifications without throwing or hanging, serves the history, and delivers after Redis returns', async () => {
    await redis.stop();
    redisDown = true;
    const redisService = api.app.get(RedisService);
    await eventually('the API notices Redis is down', () => !redisService.isReady(), 5_000);

    const viaEngine = failed();
    const direct = failed();
    const started = Date.now();
    expect(() => api.app.get(ExecutionEvents).finished(viaEngine)).not.toThrow();
    await expect(api.app.get(EventNotifier).executionFinished(direct)).resolves.toBe(2);
    expect(Date.now() - started).toBeLessThan(3_000);

    for (const id of [viaEngine.executionId, direct.executionId]) {
      const rows = await waitForNotifications(
        api.app,
        byExecution(id),
        (r) => r.length === 2 && r.some((n) => n.error),
        'stored during the outage, with the reason',
      );
      const [webhook] = rows.filter((n) => n.status !== 'SENT');
      expect(webhook).toMatchObject({
        status: 'PENDING',
        attempts: 0,
        error: expect.stringMatching(/^Not queued yet \(Redis is not connected\)/),
      });
      expect(rows.filter((n) => n.status === 'SENT')).toHaveLength(1); // in-app needs no queue
    }
    const history = await request(server).get('/notifications?limit=100').set(owner.authHeader).expect(200);
    expect(history.body.items.filter((n: { status: string }) => n.status === 'PENDING')).toHaveLength(2);
    await request(server).post(`/notifications/${history.body.items[0].id}/read`).set(owner.authHeader).expect(200);

    await redis.start();
    redisDown = false;
    for (const id of [viaEngine.executionId, direct.executionId])
      await waitForNotifications(
        api.app,
        byExecution(id),
        (r) => r.every((n) => n.status === 'SENT' && n.error === null),
        'delivered by the sweeper',
        20_000,
      );
    const delivered = hooks
      .requestsTo('/hook')
      .filter((p) =>
        [viaEngine.executionId, direct.executionId].includes((p.json as { payload: { executionId: string } }).payload.executionId),
      );
    expect(delivered).toHaveLength(2);
    expect(delivered.every((p) => signatureValid(SIGNING_SECRET, p.headers['x-signature'], p.body))).toBe(true);
  }, 45_000);
});
