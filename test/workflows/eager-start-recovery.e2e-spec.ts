import { parseExposition, total } from '../metrics/exposition';
import { AppProcess, freePort, waitFor } from '../support/processes';
import { deleteRedisKeys, ProcessApiClient, TEST_REDIS_URL, uniquePrefix, waitStarted, withSql } from '../support/process-api';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { chainFrom } from '../support/workflows';

/** About half a second of pure work per node (in the expression worker threads): four outlive the 202 by far. */
const SLOW_SUM = '$reduce([1..200000], function($a, $b) { $a + $b })';
const SUMS = ['sum1', 'sum2', 'sum3', 'sum4'];
const NODES = ['hook', ...SUMS];

/**
 * An eager async webhook run that outlives its 202 is recorded QUEUED and goes on in the API process
 * without a queue job. When that process dies mid-run, another process's reconciler queues it again.
 */
describe('eager start: an API process killed mid-run (real processes)', () => {
  const prefix = uniquePrefix('esr');
  const apis: AppProcess[] = [];
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  const env = (extra: Record<string, string>) =>
    testRawEnv({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, MIGRATE_ON_START: 'false', ...extra });

  async function startApi(extra: Record<string, string> = {}): Promise<{ api: AppProcess; base: string }> {
    const port = await freePort();
    const api = AppProcess.spawn('api', env({ PORT: String(port), ...extra }));
    apis.push(api);
    const base = `http://127.0.0.1:${port}`;
    await waitStarted(api, base, 'api');
    return { api, base };
  }

  const sql = <T>(text: string, params: unknown[] = []) => withSql(db.url, async (c) => (await c.query(text, params)).rows as T[]);
  const statusOf = async (id: string) => (await sql<{ status: string }>(`SELECT status FROM executions WHERE id = $1`, [id]))[0]?.status;

  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  /** An async webhook whose pure run takes a couple of seconds: its 202 (QUEUED) goes out long before its end. */
  async function slowPureHook(base: string, path: string): Promise<ProcessApiClient> {
    const client = await ProcessApiClient.register(base);
    const sums = SUMS.map((id) => ({ id, type: 'data.transform', params: { expression: SLOW_SUM } }));
    const definition = chainFrom({ id: 'hook', type: 'trigger.webhook', params: { path, mode: 'async' } }, ...sums);
    const { id: workflowId } = await client.expect<{ id: string }>(201, 'POST', '/workflows', { name: path, definition });
    await client.expect(200, 'POST', `/workflows/${workflowId}/activate`);
    return client;
  }

  it('SIGKILL after the 202 QUEUED: the reconciler of a second API queues the run again; it succeeds once, one step per node', async () => {
    const { api: first, base } = await startApi();
    const client = await slowPureHook(base, 'eager-recovery');

    const answer = await client.call<{ executionId: string; status: string }>('POST', '/webhook/eager-recovery', {});
    expect(answer).toEqual({ status: 202, body: { executionId: expect.any(String), status: 'QUEUED' } });
    const id = answer.body.executionId;
    // Still running in the first process: recorded QUEUED, and nothing of it written yet.
    expect(await sql(`SELECT id FROM execution_steps WHERE "executionId" = $1`, [id])).toEqual([]);
    expect(await statusOf(id)).toBe('QUEUED');
    first.signal('SIGKILL');
    expect(await first.exited).toBeNull();
    expect(await statusOf(id)).toBe('QUEUED');

    const { base: secondBase } = await startApi({ RECONCILE_INTERVAL_MS: '500', RECONCILE_GRACE_MS: '1000' });
    await waitFor('execution SUCCEEDED', async () => (await statusOf(id)) === 'SUCCEEDED', 20_000, 200).catch(async (error: Error) => {
      const rows = await sql(`SELECT id, status, error FROM executions`);
      throw new Error(`${error.message}: ${JSON.stringify(rows)}\nsecond api log:\n${apis[1].log.slice(-3_000)}`);
    });

    const executions = await sql<{ id: string; status: string; output: unknown; error: string | null }>(
      `SELECT id, status, output, error FROM executions`,
    );
    expect(executions).toEqual([{ id, status: 'SUCCEEDED', output: 20000100000, error: null }]);
    const steps = await sql<{ nodeId: string; status: string; output: unknown }>(
      `SELECT "nodeId", status, output FROM execution_steps WHERE "executionId" = $1 ORDER BY sequence`,
      [id],
    );
    expect(steps.map((s) => s.nodeId)).toEqual(NODES);
    expect(steps.every((s) => s.status === 'SUCCEEDED')).toBe(true);
    expect(steps.slice(1).map((s) => s.output)).toEqual(SUMS.map(() => 20000100000));

    const metrics = parseExposition(await (await fetch(`${secondBase}/metrics`)).text());
    expect(total(metrics, 'executions_reconciled_total', { action: 'requeued' })).toBe(1);
  }, 60_000);
  it('SIGTERM after the 202 QUEUED: the API finishes the run and records it before it exits', async () => {
    const { api, base } = await startApi({ SHUTDOWN_DRAIN_DELAY_MS: '0' });
    const client = await slowPureHook(base, 'eager-drain');
    const answer = await client.call<{ executionId: string; status: string }>('POST', '/webhook/eager-drain', {});
    expect(answer).toEqual({ status: 202, body: { executionId: expect.any(String), status: 'QUEUED' } });
    const id = answer.body.executionId;
    expect(await statusOf(id)).toBe('QUEUED');
    api.signal('SIGTERM');
    expect(await api.exited).toBe(0);
    const [row] = await sql<{ status: string; output: unknown }>(`SELECT status, output FROM executions WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'SUCCEEDED', output: 20000100000 });
    const steps = await sql<{ nodeId: string }>(`SELECT "nodeId" FROM execution_steps WHERE "executionId" = $1 ORDER BY sequence`, [id]);
    expect(steps.map((s) => s.nodeId)).toEqual(NODES);
  }, 60_000);
});
