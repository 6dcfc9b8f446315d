import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Server } from 'node:http';
import { createHttpApp, startHttpApp } from '@app/http';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { registerUser } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { deleteRedisKeys } from '../support/process-api';
import { startTestApi, TestApi } from '../support/test-app';
import { testConfig } from '../support/test-config';
import { chain, runOnce } from '../support/workflows';
import { createChannel, FAST_DELIVERY, signatureValid, subscribe, waitForNotifications } from './support/notification-kit';

const SIGNING_SECRET = 'whsec-worker-0123456789';

/** WORKER_INLINE=false: the worker app runs the execution, dispatches its notification and delivers it. */
describe('notifications from the worker app', () => {
  let api: TestApi;
  let worker: NestFastifyApplication;
  let hooks: LocalHttpServer;

  beforeAll(async () => {
    hooks = await LocalHttpServer.start();
    hooks.route('/hook', () => ({ status: 200, body: {} }));
    api = await startTestApi({ ...FAST_DELIVERY, WORKER_INLINE: 'false' });
    const config = testConfig({
      ...FAST_DELIVERY,
      DATABASE_URL: api.config.database.DATABASE_URL,
      REDIS_KEY_PREFIX: api.config.redis.REDIS_KEY_PREFIX,
      WORKER_PORT: '0',
    });
    worker = await createHttpApp(WorkerModule.register(config), config);
    await startHttpApp(worker, config, 0, { migrate: false, handleSignals: false });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await hooks?.close();
    if (api) await deleteRedisKeys(api.config.redis.REDIS_KEY_PREFIX);
  });

  it('delivers a failed execution run by the worker', async () => {
    const server: Server = api.app.getHttpServer();
    const owner = await registerUser(server);
    const hook = await createChannel(server, owner.authHeader, {
      type: 'WEBHOOK',
      name: 'hook',
      url: hooks.url('/hook'),
      secret: SIGNING_SECRET,
    });
    await subscribe(server, owner.authHeader, hook.id, 'EXECUTION_FAILED');
    const execution = await runOnce(
      server,
      owner.authHeader,
      chain({ id: 'boom', type: 'flow.fail', params: { message: 'from the worker' } }),
    );
    expect(execution.status).toBe('FAILED');
    await waitForNotifications(
      api.app,
      { channelId: hook.id },
      (rows) => rows.length === 1 && rows[0].status === 'SENT',
      'delivered by the worker app',
    );
    const [post] = hooks.requestsTo('/hook');
    expect(signatureValid(SIGNING_SECRET, post.headers['x-signature'], post.body)).toBe(true);
    expect(post.json).toMatchObject({
      event: 'EXECUTION_FAILED',
      payload: { executionId: execution.id, error: expect.stringContaining('from the worker') },
    });
  });
});
