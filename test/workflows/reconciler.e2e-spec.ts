import { Server } from 'node:http';
import request from 'supertest';
import { Queue, Worker } from 'bullmq';
import { redisUrlOptions } from '@app/redis';
import { parseExposition, total } from '../metrics/exposition';
import { waitFor } from '../support/processes';
import { TEST_REDIS_URL, withSql } from '../support/process-api';
import { startApiWithUser, startTestApi, TestApi } from '../support/test-app';
import { AuthHeader, chain, createWorkflow, getExecution, runWorkflow, waitForExecution } from '../support/workflows';

/**
 * Executions whose queue job is gone or failed without the FAILED write. The runs are queued through
 * an API without a worker; a second app on the same database and Redis prefix (inline worker and
 * reconciler, reconciling every 500 ms with a 1 s grace) then settles them.
 */
describe('execution reconciler (stuck QUEUED/RUNNING executions)', () => {
  let producer: TestApi;
  let server: Server;
  let auth: AuthHeader;
  let reconciling: TestApi | undefined;
  let queue: Queue;
  let workflowId: string;

  const sql = <T>(text: string, params: unknown[] = []) =>
    withSql(producer.config.database.DATABASE_URL, async (c) => (await c.query(text, params)).rows as T[]);
  const row = async (id: string) =>
    (await sql<{ status: string; error: string | null }>(`SELECT status, error FROM executions WHERE id = $1`, [id]))[0];
  const reconciled = async (action: string) =>
    total(parseExposition((await request(reconciling!.app.getHttpServer()).get('/metrics')).text), 'executions_reconciled_total', {
      action,
    });

  /** A RUNNING row with no job and no steps, like a sync webhook running inline in an API process. */
  async function inlineLikeRun(startedSecondsAgo: number): Promise<string> {
    const [{ id }] = await sql<{ id: string }>(
      `INSERT INTO executions (id, "workflowId", "workflowVersionId", "userId", status, trigger, input, attempt, "queuedAt", "startedAt", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), w.id, v.id, w."userId", 'RUNNING', 'WEBHOOK', '{}', 1, now() - make_interval(secs => $2), now() - make_interval(secs => $2), now() - make_interval(secs => $2), now() - interval '5 seconds'
       FROM workflows w JOIN workflow_versions v ON v."workflowId" = w.id WHERE w.id = $1 RETURNING id`,
      [workflowId, startedSecondsAgo],
    );
    return id;
  }

  beforeAll(async () => {
    ({ api: producer, server, auth } = await startApiWithUser({ WORKER_INLINE: 'false' }));
    queue = new Queue('executions', {
      connection: redisUrlOptions(TEST_REDIS_URL),
      prefix: `${producer.config.redis.REDIS_KEY_PREFIX}bull`,
    });
    ({ id: workflowId } = await createWorkflow(server, auth, {
      name: 'reconciled',
      definition: chain({ id: 'echo', type: 'data.set', params: { fields: { ok: 'true' } } }),
    }));
  }, 60_000);

  afterAll(async () => {
    await reconciling?.close();
    await queue?.close();
    await producer?.close();
  });

  it('re-queues a QUEUED run whose job is gone, fails one whose job failed unrecorded, and leaves live inline runs alone', async () => {
    // A worker whose PostgreSQL is down: every attempt fails, and its FAILED write never happens.
    const failing = await runWorkflow(server, auth, workflowId);
    const brokenWorker = new Worker('executions', async () => Promise.reject(new Error('Connection terminated unexpectedly')), {
      connection: redisUrlOptions(TEST_REDIS_URL),
      prefix: `${producer.config.redis.REDIS_KEY_PREFIX}bull`,
    });
    await waitFor(
      'job attempts spent',
      async () => (await queue.getJob(failing))?.finishedOn !== undefined && (await queue.getJobState(failing)) === 'failed',
      15_000,
    );
    await brokenWorker.close();

    // Redis lost the job (restarted without its data).
    const lost = await runWorkflow(server, auth, workflowId);
    await queue.remove(lost);
    const liveInline = await inlineLikeRun(10);
    const deadInline = await inlineLikeRun(3_600);
    expect((await row(failing)).status).toBe('QUEUED');
    expect((await row(lost)).status).toBe('QUEUED');

    reconciling = await startTestApi({
      DATABASE_URL: producer.config.database.DATABASE_URL,
      REDIS_KEY_PREFIX: producer.config.redis.REDIS_KEY_PREFIX,
      RECONCILE_INTERVAL_MS: '500',
      RECONCILE_GRACE_MS: '1000',
    });

    expect(await waitForExecution(server, auth, lost)).toMatchObject({ status: 'SUCCEEDED', output: { ok: true } });
    expect(await waitForExecution(server, auth, failing)).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('Connection terminated unexpectedly'),
    });
    expect(await waitForExecution(server, auth, deadInline)).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('queue job was gone'),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // three more rounds
    expect((await getExecution(server, auth, liveInline)).status).toBe('RUNNING'); // younger than EXECUTION_TIMEOUT_MS
    expect(await reconciled('requeued')).toBe(1);
    expect(await reconciled('failed')).toBe(2);
  }, 60_000);

  it('gives a delayed run whose resume job vanished a new resume job; it completes', async () => {
    const { id } = await createWorkflow(server, auth, {
      name: 'delayed',
      definition: chain(
        { id: 'wait', type: 'flow.delay', params: { ms: 2_500 } },
        { id: 'after', type: 'data.set', params: { fields: { resumed: 'true' } } },
      ),
    });
    const executionId = await runWorkflow(server, auth, id);
    let resume: Awaited<ReturnType<Queue['getDelayed']>>[number] | undefined;
    await waitFor(
      'resume job queued',
      async () => Boolean((resume = (await queue.getDelayed()).find((j) => j.name === 'resume' && j.data.executionId === executionId))),
      10_000,
    );
    await resume!.remove();
    expect((await row(executionId)).status).toBe('RUNNING');

    expect(await waitForExecution(server, auth, executionId, undefined, 15_000)).toMatchObject({
      status: 'SUCCEEDED',
      output: { resumed: true },
    });
    expect(await reconciled('resumed')).toBe(1);
  }, 30_000);
});
