import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { redisUrlOptions } from '@app/redis';
import { AppProcess, freePort, waitFor } from '../support/processes';
import { deleteRedisKeys, ProcessApiClient, TEST_REDIS_URL, uniquePrefix, waitStarted, withSql } from '../support/process-api';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { chain } from '../support/workflows';

const NODES = ['start', 'call', 'shape'];

/**
 * A local endpoint that answers each request only after a while, so a worker is caught mid-execution.
 */
class HoldServer {
  readonly received: { n: string; at: number }[] = [];
  readonly answered: { n: string; at: number }[] = [];
  holdMs: (n: number) => number = () => 3_000;
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const n = new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? '';
      this.received.push({ n, at: Date.now() });
      const timer = setTimeout(
        () => {
          if (res.destroyed) return; // the worker that asked was killed
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ n: Number(n) }));
          this.answered.push({ n, at: Date.now() });
        },
        this.holdMs(Number(n)),
      );
      res.once('close', () => clearTimeout(timer));
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  receivedFor(n: number, after = 0): number {
    return this.received.filter((r) => r.n === String(n) && r.at >= after).length;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface StepRow {
  id: string;
  executionId: string;
  nodeId: string;
  status: string;
  finishedAt: Date | null;
}

describe('at-least-once execution across worker crashes (real processes)', () => {
  const prefix = uniquePrefix('wr');
  const hold = new HoldServer();
  const workers: AppProcess[] = [];
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: AppProcess;
  let client: ProcessApiClient;
  let workflowId: string;
  let queue: Queue;

  const env = (extra: Record<string, string>) =>
    testRawEnv({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, MIGRATE_ON_START: 'false', ...extra });

  async function startWorker(extra: Record<string, string> = {}): Promise<AppProcess> {
    const port = await freePort();
    const worker = AppProcess.spawn(
      'worker',
      env({
        WORKER_PORT: String(port),
        WORKER_LOCK_DURATION_MS: '2000',
        WORKER_STALLED_INTERVAL_MS: '1000',
        HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1',
        EXECUTION_CONCURRENCY_FREE: '20',
        ...extra,
      }),
    );
    workers.push(worker);
    await waitStarted(worker, `http://127.0.0.1:${port}`, 'worker');
    return worker;
  }

  const sql = <T>(text: string, params: unknown[] = []) => withSql(db.url, async (c) => (await c.query(text, params)).rows as T[]);

  async function run(n: number): Promise<string> {
    const { id } = await client.expect<{ id: string }>(202, 'POST', `/workflows/${workflowId}/run`, { n });
    return id;
  }

  async function waitForFinal(ids: string[], timeoutMs = 30_000): Promise<void> {
    await waitFor(
      `executions final`,
      async () => {
        const rows = await sql<{ status: string }>(`SELECT status FROM executions WHERE id = ANY($1::uuid[])`, [ids]);
        return rows.length === ids.length && rows.every((r) => ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'].includes(r.status));
      },
      timeoutMs,
      200,
    ).catch(async (error: Error) => {
      const rows = await sql(`SELECT id, status, error FROM executions WHERE id = ANY($1::uuid[])`, [ids]);
      throw new Error(
        `${error.message}: ${JSON.stringify(rows)}\nworker logs:\n${workers.map((w) => w.log.slice(-2_000)).join('\n---\n')}`,
      );
    });
  }

  /** Every execution SUCCEEDED with its own output, one row each, and exactly one step record per node. */
  async function expectOneRecordEach(ids: string[], inputs: number[]): Promise<StepRow[]> {
    const executions = await sql<{ id: string; status: string; output: { n: number }; error: string | null }>(
      `SELECT id, status, output, error FROM executions WHERE "workflowId" = $1 AND id = ANY($2::uuid[]) ORDER BY "queuedAt"`,
      [workflowId, ids],
    );
    expect(executions).toHaveLength(ids.length);
    for (const [i, id] of ids.entries()) {
      const execution = executions.find((e) => e.id === id)!;
      expect({ id, status: execution.status, error: execution.error }).toEqual({ id, status: 'SUCCEEDED', error: null });
      expect(execution.output).toEqual({ n: inputs[i] });
    }
    const steps = await sql<StepRow>(
      `SELECT id, "executionId", "nodeId", status, "finishedAt" FROM execution_steps WHERE "executionId" = ANY($1::uuid[])`,
      [ids],
    );
    for (const id of ids) {
      const mine = steps.filter((s) => s.executionId === id);
      expect(mine.map((s) => s.nodeId).sort()).toEqual([...NODES].sort());
      expect(mine.every((s) => s.status === 'SUCCEEDED')).toBe(true);
    }
    const duplicates = await sql(`SELECT "executionId", "nodeId", count(*) FROM execution_steps GROUP BY 1, 2 HAVING count(*) > 1`);
    expect(duplicates).toEqual([]);
    return steps;
  }

  beforeAll(async () => {
    const [database, apiPort, holdPort] = await Promise.all([createTestDatabase(), freePort(), hold.listen()]);
    db = database;
    // The API never consumes (WORKER_INLINE=false): only the worker processes run executions.
    api = AppProcess.spawn('api', env({ PORT: String(apiPort), WORKER_INLINE: 'false' }));
    const base = `http://127.0.0.1:${apiPort}`;
    await waitStarted(api, base, 'api');
    client = await ProcessApiClient.register(base);
    const definition = chain(
      { id: 'call', type: 'http.request', params: { url: `http://127.0.0.1:${holdPort}/hold?n={{ trigger.body.n }}`, timeoutMs: 10_000 } },
      { id: 'shape', type: 'data.set', params: { fields: { n: 'nodes.call.body.n' } } },
    );
    ({ id: workflowId } = await client.expect<{ id: string }>(201, 'POST', '/workflows', { name: 'slow-call', definition }));
    queue = new Queue('executions', { connection: redisUrlOptions(TEST_REDIS_URL), prefix: `${prefix}bull` });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.stop();
    await queue?.close();
    await hold.close();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it('SIGKILL mid-execution: a second worker picks every job up again; one execution row and one step per node each', async () => {
    // The owner's tier allows 2 executions at once (EXECUTION_CONCURRENCY_FREE): the third waits in
    // the queue, and the slots the killed worker held must not block it forever.
    hold.holdMs = () => 60_000; // until the kill, however slow the machine
    const first = await startWorker({ EXECUTION_CONCURRENCY_FREE: '2' });
    const inputs = [1, 2, 3];
    const ids = await Promise.all(inputs.map(run));

    await waitFor('first worker mid-execution', async () => hold.received.length === 2, 15_000, 50);
    const beforeKill = await sql<StepRow>(
      `SELECT id, "executionId", "nodeId", status, "finishedAt" FROM execution_steps WHERE "executionId" = ANY($1::uuid[])`,
      [ids],
    );
    expect(beforeKill.map((s) => s.nodeId)).toEqual(['start', 'start']); // the trigger step is already persisted
    first.signal('SIGKILL');
    expect(await first.exited).toBeNull();
    const killedAt = Date.now();
    hold.holdMs = () => 300; // the redone calls need not be slow
    const statuses = await sql<{ status: string }>(`SELECT status FROM executions WHERE id = ANY($1::uuid[]) ORDER BY status`, [ids]);
    expect(statuses.map((r) => r.status)).toEqual(['QUEUED', 'RUNNING', 'RUNNING']);

    await startWorker({ EXECUTION_CONCURRENCY_FREE: '2' });
    await waitForFinal(ids);

    const steps = await expectOneRecordEach(ids, inputs);
    // Steps persisted before the kill were kept (same record), not written a second time.
    for (const step of beforeKill) {
      const after = steps.find((s) => s.executionId === step.executionId && s.nodeId === step.nodeId)!;
      expect({ id: after.id, finishedAt: after.finishedAt }).toEqual({ id: step.id, finishedAt: step.finishedAt });
    }
    // The interrupted node was redone by the second worker (one more request each); the waiting run ran once.
    for (const n of inputs) expect(hold.receivedFor(n, killedAt)).toBe(1);
    expect(hold.received).toHaveLength(5);
    expect(Number((await sql<{ count: string }>(`SELECT count(*) FROM executions`))[0].count)).toBe(ids.length);
    await waitFor(
      'queue settled',
      async () =>
        JSON.stringify(await queue.getJobCounts('active', 'failed', 'wait')) === JSON.stringify({ active: 0, failed: 0, wait: 0 }),
      5_000,
    );
    expect((await queue.getDelayed()).map((j) => j.name)).toEqual(['prune']); // only the retention scheduler's next slot
  }, 60_000);

  it('SIGTERM: the worker finishes the job it is running, takes no new one, and exits 0', async () => {
    hold.holdMs = (n) => (n === 10 ? 3_000 : 300);
    const worker = await startWorker({ LOG_LEVEL: 'info', SHUTDOWN_GRACE_PERIOD_MS: '15000' });
    const running = await run(10);
    await waitFor('worker mid-execution', async () => hold.receivedFor(10) === 1, 15_000, 50);

    expect(await queue.getWorkers()).toHaveLength(1);
    worker.signal('SIGTERM');
    const termAt = Date.now();
    // The closing worker drops its blocking (job-fetching) connection at once, then drains.
    await waitFor('worker stopped fetching', async () => (await queue.getWorkers()).length === 0, 10_000, 50);
    expect(worker.alive).toBe(true);
    const queued = await run(11); // arrives while the worker is closing: it must stay in the queue
    expect(await worker.exited).toBe(0);
    const exitedAt = Date.now();
    expect(worker.log).toContain('Shutdown complete');

    // It waited for the running job (the held request was answered before it exited) and finished it.
    const answer = hold.answered.find((a) => a.n === '10');
    expect(answer).toBeDefined();
    expect(answer!.at).toBeGreaterThan(termAt);
    expect(answer!.at).toBeLessThanOrEqual(exitedAt);
    expect((await sql<{ status: string }>(`SELECT status FROM executions WHERE id = $1`, [running]))[0].status).toBe('SUCCEEDED');
    expect(hold.receivedFor(10)).toBe(1);
    // The run queued during shutdown was left for another worker.
    expect(hold.receivedFor(11)).toBe(0);
    expect((await sql<{ status: string }>(`SELECT status FROM executions WHERE id = $1`, [queued]))[0].status).toBe('QUEUED');

    await startWorker();
    await waitForFinal([queued]);
    await expectOneRecordEach([running, queued], [10, 11]);
    expect(hold.receivedFor(10)).toBe(1);
  }, 60_000);
});
