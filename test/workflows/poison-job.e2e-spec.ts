import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AppProcess, freePort, waitFor } from '../support/processes';
import { deleteRedisKeys, ProcessApiClient, TEST_REDIS_URL, uniquePrefix, waitStarted, withSql } from '../support/process-api';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { chain } from '../support/workflows';

describe('poison jobs: an execution whose worker died twice is not taken a third time (real processes)', () => {
  const prefix = uniquePrefix('pj');
  const workers: AppProcess[] = [];
  let requests = 0;
  // Never answers: every worker that takes the job is caught mid-execution.
  const hold: Server = createServer(() => void requests++);
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: AppProcess;
  let client: ProcessApiClient;

  const env = (extra: Record<string, string>) =>
    testRawEnv({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, MIGRATE_ON_START: 'false', ...extra });
  const sql = <T>(text: string, params: unknown[] = []) => withSql(db.url, async (c) => (await c.query(text, params)).rows as T[]);

  async function startWorker(): Promise<AppProcess> {
    const port = await freePort();
    const worker = AppProcess.spawn(
      'worker',
      env({
        WORKER_PORT: String(port),
        WORKER_LOCK_DURATION_MS: '2000',
        WORKER_STALLED_INTERVAL_MS: '1000',
        HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1',
      }),
    );
    workers.push(worker);
    await waitStarted(worker, `http://127.0.0.1:${port}`, 'worker');
    return worker;
  }

  async function killWhenCalled(worker: AppProcess, call: number): Promise<void> {
    await waitFor(`request ${call} reached the hold server`, async () => requests >= call, 20_000, 50);
    worker.signal('SIGKILL');
    await worker.exited;
  }

  beforeAll(async () => {
    const [database, apiPort] = await Promise.all([createTestDatabase(), freePort()]);
    db = database;
    await new Promise<void>((resolve) => hold.listen(0, '127.0.0.1', resolve));
    api = AppProcess.spawn('api', env({ PORT: String(apiPort), WORKER_INLINE: 'false' }));
    const base = `http://127.0.0.1:${apiPort}`;
    await waitStarted(api, base, 'api');
    client = await ProcessApiClient.register(base);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.stop();
    hold.closeAllConnections();
    await new Promise((resolve) => hold.close(resolve));
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it('two kills during the same job: the execution ends FAILED with the reason, the third worker never runs it', async () => {
    const url = `http://127.0.0.1:${(hold.address() as AddressInfo).port}/hold`;
    const definition = chain({ id: 'call', type: 'http.request', params: { url, timeoutMs: 60_000 } });
    const { id: workflowId } = await client.expect<{ id: string }>(201, 'POST', '/workflows', { name: 'crashes-its-worker', definition });
    const { id } = await client.expect<{ id: string }>(202, 'POST', `/workflows/${workflowId}/run`, {});

    await killWhenCalled(await startWorker(), 1);
    await killWhenCalled(await startWorker(), 2); // the stalled job was taken again once
    const third = await startWorker();

    await waitFor(
      'execution FAILED',
      async () => (await sql<{ status: string }>(`SELECT status FROM executions WHERE id = $1`, [id]))[0].status === 'FAILED',
      30_000,
      200,
    );
    const [row] = await sql<{ error: string; finishedAt: Date | null }>(`SELECT error, "finishedAt" FROM executions WHERE id = $1`, [id]);
    expect(row.error).toBe('the worker processing this execution stopped unexpectedly twice; it was not retried again');
    expect(row.finishedAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(requests).toBe(2);
    expect(third.alive).toBe(true);
  }, 90_000);
});
