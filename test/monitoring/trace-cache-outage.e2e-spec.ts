import { Server } from 'node:http';
import request from 'supertest';
import { registerUser, RegisteredUser } from '../support/auth';
import { TestRedisServer } from '../support/processes';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, createWorkflow, eventually } from '../support/workflows';
import { has, parseExposition, total } from '../metrics/exposition';

describe('trace cache outage (Redis of its own, killed and restarted)', () => {
  let redis: TestRedisServer;
  let api: TestApi;
  let server: Server;
  let user: RegisteredUser;
  let redisDown = false;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    // Rate limiting off: this file is about the trace cache, not the limiter's own Redis fallback.
    api = await startTestApi({ REDIS_URL: redis.url, THROTTLE_ENABLED: 'false' });
    server = api.app.getHttpServer();
    user = await registerUser(server);
    await createWorkflow(server, user.authHeader, {
      name: 'watched',
      definition: chain({ id: 'x', type: 'data.transform', params: { expression: '1' } }),
    });
  });
  afterAll(async () => {
    if (redisDown) await redis.start(); // BullMQ closes cleanly only with its Redis back
    await api?.close();
    await redis?.stop();
  });

  const scrape = async () => parseExposition((await request(server).get('/metrics').expect(200)).text);
  const writes = async (result: string) => total(await scrape(), 'cache_operations_total', { operation: 'trace_write', result });

  it('requests keep succeeding; failed trace writes are counted; /monitoring/performance answers 503, /metrics still answers', async () => {
    await request(server).get('/workflows').set(user.authHeader).expect(200);
    await eventually('a successful trace write', async () => (await writes('ok')) > 0);
    await request(server).get('/monitoring/performance').set(user.authHeader).expect(200);

    await redis.stop();
    redisDown = true;
    const errorsBefore = await writes('error');
    for (let i = 0; i < 5; i++) await request(server).get('/workflows').set(user.authHeader).expect(200);
    await eventually('failed trace writes counted', async () => (await writes('error')) > errorsBefore, 10_000, 200);

    let started = Date.now();
    const res = await request(server).get('/monitoring/performance').set(user.authHeader);
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/trace cache/i);
    expect(Date.now() - started).toBeLessThan(2_000);

    // Queue counts are cached for 5 s; after that they are unknown — absent, not stale, not a fake 0.
    let slowest = 0;
    let samples = await scrape();
    await eventually(
      'queue gauge dropped',
      async () => {
        started = Date.now();
        samples = await scrape();
        slowest = Math.max(slowest, Date.now() - started);
        return !has(samples, 'workflow_queue_jobs');
      },
      10_000,
      250,
    );
    expect(slowest).toBeLessThan(2_000); // the queue read gives up after 500 ms: /metrics never hangs
    expect(total(samples, 'cache_operations_total', { operation: 'trace_read', result: 'error' })).toBeGreaterThanOrEqual(1);
  });

  it('recovers once Redis is back', async () => {
    await redis.start();
    redisDown = false;
    const okBefore = await writes('ok');
    await eventually(
      'performance readable again',
      async () => (await request(server).get('/monitoring/performance').set(user.authHeader)).status === 200,
      15_000,
      250,
    );
    await request(server).get('/workflows').set(user.authHeader).expect(200);
    await eventually('trace writes succeed again', async () => (await writes('ok')) > okBefore, 10_000, 200);
    await eventually('queue gauge back', async () => has(await scrape(), 'workflow_queue_jobs', { state: 'waiting' }), 15_000, 500);
  });
});
