import { randomBytes } from 'node:crypto';
import { deleteRedisKeys, ProcessApiClient, uniquePrefix } from '../support/process-api';
import { AppProcess, freePort, httpStatus, waitFor } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { chain, eventually } from '../support/workflows';
import { has, parseExposition, promtoolCheck, total } from './exposition';

/** The worker app serves /metrics beside its probes; the executions it runs are counted there. */
describe('GET /metrics on the worker (API and worker as child processes)', () => {
  const token = randomBytes(24).toString('hex');
  const prefix = uniquePrefix('metrics-worker');
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: AppProcess;
  let worker: AppProcess;
  let apiBase: string;
  let workerBase: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const [apiPort, workerPort] = await Promise.all([freePort(), freePort()]);
    apiBase = `http://127.0.0.1:${apiPort}`;
    workerBase = `http://127.0.0.1:${workerPort}`;
    const env = testRawEnv({
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: prefix,
      MIGRATE_ON_START: 'false',
      METRICS_TOKEN: token,
      WORKER_PORT: String(workerPort),
    });
    api = AppProcess.spawn('api', { ...env, PORT: String(apiPort), WORKER_INLINE: 'false' });
    worker = AppProcess.spawn('worker', env);
    for (const [name, base, child] of [
      ['API', apiBase, api],
      ['worker', workerBase, worker],
    ] as const)
      await waitFor(`${name} started`, async () => (await httpStatus(`${base}/health/startup`)) === 200, 30_000).catch((error) => {
        throw new Error(`${(error as Error).message}\n${child.log}`);
      });
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  const scrape = async (base: string) => {
    const res = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return res.text();
  };

  it('requires the token on both apps', async () => {
    for (const base of [apiBase, workerBase]) {
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    }
  });

  it('counts the executions the worker ran, with queue gauges, and passes promtool', async () => {
    const client = await ProcessApiClient.register(apiBase);
    const before = total(parseExposition(await scrape(workerBase)), 'workflow_executions_total', {
      status: 'succeeded',
      trigger: 'manual',
    });
    const workflow = await client.expect<{ id: string }>(201, 'POST', '/workflows', {
      name: 'w',
      definition: chain({ id: 'x', type: 'data.transform', params: { expression: '1' } }),
    });
    const { id } = await client.expect<{ id: string }>(202, 'POST', `/workflows/${workflow.id}/run`, {});
    await eventually(
      'execution finished',
      async () => (await client.call<{ status: string }>('GET', `/executions/${id}`)).body.status === 'SUCCEEDED',
      15_000,
      100,
    );

    const text = await scrape(workerBase);
    const samples = parseExposition(text);
    expect(total(samples, 'workflow_executions_total', { status: 'succeeded', trigger: 'manual' })).toBe(before + 1);
    expect(total(samples, 'database_queries_total', { model: 'Execution', operation: 'groupCommit' })).toBeGreaterThanOrEqual(1);
    for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed'])
      expect(has(samples, 'workflow_queue_jobs', { state })).toBe(true);
    expect(has(samples, 'http_requests_total', { route: '/metrics' })).toBe(true);
    expect(promtoolCheck(text)).toEqual({ status: 0, output: '' });

    // The worker's execution trace reaches the API's performance figures (through Redis).
    await eventually(
      'workflow trace visible to the API',
      async () =>
        (await client.call<{ workflows?: { count: number }[] }>('GET', '/monitoring/performance?window=15m&scope=workflow')).body
          .workflows?.[0]?.count === 1,
      10_000,
      200,
    );

    // The API ran none of it (WORKER_INLINE=false), but served the requests.
    const apiSamples = parseExposition(await scrape(apiBase));
    expect(total(apiSamples, 'workflow_executions_total')).toBe(0);
    expect(total(apiSamples, 'http_requests_total', { method: 'POST', route: '/workflows/:id/run', status: '202' })).toBe(1);
  });
});
