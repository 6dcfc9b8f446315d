import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { redisUrlOptions } from '@app/redis';
import { AppProcess, freePort, waitFor } from '../support/processes';
import { deleteRedisKeys, ProcessApiClient, TEST_REDIS_URL, uniquePrefix, waitStarted, withSql } from '../support/process-api';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';

const scheduled = (cron: string) => ({
  nodes: [
    { id: 'tick', type: 'trigger.schedule', params: { cron, timezone: 'UTC' } },
    { id: 'stamp', type: 'data.set', params: { fields: { firedAt: 'trigger.body.firedAt' } } },
  ],
  edges: [{ from: 'tick', to: 'stamp' }],
});

interface ScheduledRun {
  id: string;
  status: string;
  firedAt: string;
  queuedAt: Date;
}

/** Two API replicas, each with an inline worker, on one database and one Redis prefix. */
describe('schedules and retention across two API replicas (real processes)', () => {
  const prefix = uniquePrefix('sk');
  const apis: AppProcess[] = [];
  const bases: string[] = [];
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: ProcessApiClient;
  let queue: Queue;

  const sql = <T>(text: string, params: unknown[] = []) => withSql(db.url, async (c) => (await c.query(text, params)).rows as T[]);
  const schedulersOf = async (id: string) => (await queue.getJobSchedulers(0, -1)).filter((s) => s.key === id);

  async function scheduledRuns(workflowId: string): Promise<ScheduledRun[]> {
    return sql<ScheduledRun>(
      `SELECT id, status, input->'body'->>'firedAt' AS "firedAt", "queuedAt" FROM executions WHERE "workflowId" = $1 AND trigger = 'SCHEDULE' ORDER BY "queuedAt"`,
      [workflowId],
    );
  }

  const slotsIn = (from: number, to: number, periodMs: number) => Math.ceil(to / periodMs) - Math.ceil(from / periodMs);

  /**
   * The workflow's scheduled runs once those of slots in [from, to) are all in and finished; on a
   * loaded machine a slot's job may start late, so this waits a little before the caller asserts.
   */
  async function runsOfWindow(workflowId: string, from: number, to: number, periodMs: number): Promise<ScheduledRun[]> {
    let runs: ScheduledRun[] = [];
    const settled = async () => {
      runs = await scheduledRuns(workflowId);
      const inWindow = runs.filter((r) => Date.parse(r.firedAt) >= from && Date.parse(r.firedAt) < to);
      return inWindow.length >= slotsIn(from, to, periodMs) && inWindow.every((r) => r.status === 'SUCCEEDED');
    };
    await waitFor('scheduled runs of the window', settled, 5_000, 200).catch(() => undefined);
    return runs;
  }

  /** No slot fired twice; the window's slots all ran and succeeded (one missed at most, if a worker was late). */
  function expectOncePerSlot(runs: ScheduledRun[], from: number, to: number, periodMs: number): void {
    const slots = runs.map((r) => Date.parse(r.firedAt));
    expect(new Set(slots).size).toBe(slots.length);
    expect(slots.every((s) => s % periodMs === 0)).toBe(true); // firedAt is the slot, not the time a worker got to it
    const inWindow = runs.filter((r) => Date.parse(r.firedAt) >= from && Date.parse(r.firedAt) < to);
    expect(inWindow.length).toBeGreaterThanOrEqual(slotsIn(from, to, periodMs) - 1);
    expect(inWindow.length).toBeLessThanOrEqual(slotsIn(from, to, periodMs));
    expect(inWindow.filter((r) => r.status !== 'SUCCEEDED')).toEqual([]);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const _replica of [1, 2]) {
      const port = await freePort();
      apis.push(
        AppProcess.spawn(
          'api',
          testRawEnv({
            PORT: String(port),
            DATABASE_URL: db.url,
            REDIS_URL: TEST_REDIS_URL,
            REDIS_KEY_PREFIX: prefix,
            MIGRATE_ON_START: 'false',
            WORKER_INLINE: 'true',
            SCHEDULE_MIN_INTERVAL_SECONDS_FREE: '1',
          }),
        ),
      );
      bases.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(apis.map((api, i) => waitStarted(api, bases[i], `api ${i + 1}`)));
    client = await ProcessApiClient.register(bases[0]);
    queue = new Queue('executions', { connection: redisUrlOptions(TEST_REDIS_URL), prefix: `${prefix}bull` });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    await queue?.close();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it('a per-second schedule fires once per slot with two replicas; a new cron updates the scheduler; deactivating removes it', async () => {
    const { id } = await client.expect<{ id: string }>(201, 'POST', '/workflows', {
      name: 'every-second',
      definition: scheduled('* * * * * *'),
    });
    const schedulerId = `schedule:${id}:tick`;
    expect(await queue.getWorkers()).toHaveLength(2); // both replicas consume: either could take a slot's job
    expect(await schedulersOf(schedulerId)).toEqual([]); // a saved draft does not fire

    await client.expect(200, 'POST', `/workflows/${id}/activate`);
    const activatedAt = Date.now(); // the scheduler exists once activation has answered
    expect(await schedulersOf(schedulerId)).toMatchObject([{ key: schedulerId, pattern: '* * * * * *', tz: 'UTC' }]);
    await sleep(4_500);
    const windowEnd = Date.now();
    expectOncePerSlot(await runsOfWindow(id, activatedAt, windowEnd, 1_000), activatedAt, windowEnd, 1_000);

    // A new definition (through the other replica) updates the one scheduler in place.
    await client.on(bases[1]).expect(200, 'PATCH', `/workflows/${id}`, { definition: scheduled('*/2 * * * * *') });
    const changedAt = Date.now();
    expect(await schedulersOf(schedulerId)).toMatchObject([{ key: schedulerId, pattern: '*/2 * * * * *' }]);
    await sleep(4_500);
    const twoSecondsEnd = Date.now();
    const afterChange = (await runsOfWindow(id, changedAt, twoSecondsEnd, 2_000)).filter((r) => Date.parse(r.firedAt) >= changedAt);
    expectOncePerSlot(afterChange, changedAt, twoSecondsEnd, 2_000);
    expect(afterChange.length).toBeGreaterThanOrEqual(1); // every 2 s now: about half as many as before

    await client.expect(200, 'POST', `/workflows/${id}/deactivate`);
    const deactivatedAt = Date.now();
    expect(await schedulersOf(schedulerId)).toEqual([]);
    expect((await queue.getDelayed()).filter((j) => j.name === 'scheduled')).toEqual([]);
    await sleep(2_500);
    const all = await scheduledRuns(id);
    expect(all.filter((r) => Date.parse(r.firedAt) > deactivatedAt)).toEqual([]);
    await waitFor('scheduled runs finished', async () => (await scheduledRuns(id)).every((r) => r.status === 'SUCCEEDED'), 5_000);
    expect((await scheduledRuns(id)).length).toBe(all.length);
  }, 60_000);

  it('the retention job scheduler exists once across both replicas, and its prune job deletes only old executions', async () => {
    const retention = await schedulersOf('retention:prune');
    expect(retention).toMatchObject([{ key: 'retention:prune', name: 'prune', pattern: '17 3 * * *', tz: 'UTC' }]);
    expect((await queue.getDelayed()).filter((j) => j.name === 'prune')).toHaveLength(1); // one next slot, not one per replica

    // What the scheduled job does when its slot comes: run it now on one replica's worker.
    const { id: workflowId } = await client.expect<{ id: string }>(201, 'POST', '/workflows', {
      name: 'manual',
      definition: {
        nodes: [
          { id: 'start', type: 'trigger.manual', params: {} },
          { id: 'echo', type: 'data.set', params: { fields: { ok: 'true' } } },
        ],
        edges: [{ from: 'start', to: 'echo' }],
      },
    });
    const runManual = () => client.expect<{ id: string }>(202, 'POST', `/workflows/${workflowId}/run`, {});
    const [old, recent] = [await runManual(), await runManual()];
    await waitFor(
      'manual runs finished',
      async () =>
        (await sql<{ status: string }>(`SELECT status FROM executions WHERE "workflowId" = $1`, [workflowId])).every(
          (r) => r.status === 'SUCCEEDED',
        ),
      10_000,
    );
    await sql(`UPDATE executions SET "createdAt" = now() - interval '31 days' WHERE id = $1`, [old.id]);

    const job = await queue.add('prune', {});
    await waitFor('prune job done', async () => (await job.getState()) === 'completed', 10_000);
    expect((await queue.getJob(job.id!))?.returnvalue).toEqual({ deleted: 1 });
    expect((await sql<{ id: string }>(`SELECT id FROM executions WHERE "workflowId" = $1`, [workflowId])).map((r) => r.id)).toEqual([
      recent.id,
    ]);
    expect(await sql(`SELECT id FROM execution_steps WHERE "executionId" = $1`, [old.id])).toEqual([]);
  }, 30_000);
});
