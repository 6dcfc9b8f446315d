import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { SqlPool } from '@app/database';
import { flushStatement, storedSteps } from '../../libs/executions/src/execution-writer.service';
import { ExecutionOwner, finishedRows, insertExecutionOwner, stepsOf } from '../support/execution-rows';
import { createTestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';

const ids = (n: number) => Array.from({ length: n }, () => randomUUID());

describe('group commit statement', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: SqlPool;
  let client: PoolClient;
  let owner: ExecutionOwner;
  /** The writer's own statement (named, as it prepares it) on this test's one connection. */
  const flush = (inserted: string[], finished: string[]) =>
    client.query<{ id: string }>(
      flushStatement(
        finishedRows(owner, inserted),
        finishedRows(owner, finished),
        storedSteps(stepsOf([...inserted, ...finished]), 1_000_000),
      ),
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new SqlPool(testConfig({ DATABASE_URL: db.url }));
    client = await sql.pool.connect();
    owner = await insertExecutionOwner(client);
  });
  afterAll(async () => {
    client?.release();
    await sql?.onModuleDestroy();
    await db?.drop();
  });

  it('stores ids, numbers, timestamps and NULLs exactly as given (its uuid, integer and timestamp columns are hand-made array literals)', async () => {
    const [id] = ids(1);
    const queuedAt = new Date('2026-12-06T01:02:03.004Z');
    const startedAt = new Date('2026-12-06T01:02:03.567Z');
    const row = { ...finishedRows(owner, [id])[0], status: 'RUNNING' as const, queuedAt, startedAt, finishedAt: null, durationMs: null };
    const trigger = { body: { a: 1 }, headers: { 'content-type': 'application/json' }, query: {}, method: 'POST', path: 'p' };
    row.input = trigger;
    const [step] = stepsOf([id]).map((s) => ({
      ...s,
      sequence: 7,
      attempt: 2,
      startedAt,
      finishedAt: null,
      durationMs: null,
      input: { nodes: { hook: trigger }, trigger }, // composed from the trigger's one text (JsonTexts)
    }));
    const { rows } = await client.query(flushStatement([row], [], storedSteps([step], 1_000_000)));
    expect(rows).toEqual([{ id }]);
    const stored = await client.query(
      `SELECT e.input, s.input AS "stepInput", e."workflowId", e."workflowVersionId", e."userId", e.attempt, e."retryOfId", e."queuedAt", e."startedAt", e."finishedAt",
         e."durationMs", s.sequence, s.attempt AS "stepAttempt", s."startedAt" AS "stepStartedAt", s."finishedAt" AS "stepFinishedAt",
         s."durationMs" AS "stepDurationMs"
       FROM executions e JOIN execution_steps s ON s."executionId" = e.id WHERE e.id = $1`,
      [id],
    );
    expect(stored.rows).toEqual([
      {
        input: trigger,
        stepInput: { nodes: { hook: trigger }, trigger },
        workflowId: owner.workflowId,
        workflowVersionId: owner.versionId,
        userId: owner.userId,
        attempt: 1,
        retryOfId: null,
        queuedAt,
        startedAt,
        finishedAt: null,
        durationMs: null,
        sequence: 7,
        stepAttempt: 2,
        stepStartedAt: startedAt,
        stepFinishedAt: null,
        stepDurationMs: null,
      },
    ]);
  });

  it('keeps one plan per connection that never scans executions, even one made while the table was nearly empty', async () => {
    expect((await client.query('SHOW plan_cache_mode')).rows[0].plan_cache_mode).toBe('force_generic_plan');
    expect((await client.query('SHOW enable_seqscan')).rows[0].enable_seqscan).toBe('off');
    // A fresh install: the named statement runs often while executions is nearly empty.
    for (let i = 0; i < 10; i++) await flush(ids(7), []);
    await client.query(
      `INSERT INTO executions (id, "workflowId", "workflowVersionId", "userId", status, trigger, input, "queuedAt", "updatedAt")
       SELECT gen_random_uuid(), $1, $2, $3, 'RUNNING', 'WEBHOOK', '{}', now(), now() FROM generate_series(1, 20000)`,
      [owner.workflowId, owner.versionId, owner.userId],
    );
    const running = (await client.query<{ id: string }>(`SELECT id FROM executions WHERE status = 'RUNNING' LIMIT 2`)).rows.map(
      (r) => r.id,
    );

    // This backend's own counts inside the transaction (pg_stat_xact_*): rows of executions read by sequential
    // scans, and rows fetched through indexes (a plan hashing the whole table reads it by a bitmap index scan).
    await client.query('BEGIN');
    try {
      const { rows } = await flush(ids(7), running);
      expect(rows).toHaveLength(9);
      const [read] = (
        await client.query<{ seqRead: number; indexFetched: number }>(
          `SELECT seq_tup_read::int AS "seqRead", idx_tup_fetch::int AS "indexFetched" FROM pg_stat_xact_user_tables WHERE relname = 'executions'`,
        )
      ).rows;
      expect(read).toEqual({ seqRead: expect.any(Number), indexFetched: expect.any(Number) });
      expect(read.seqRead).toBeLessThan(100);
      expect(read.indexFetched).toBeLessThan(1_000); // hashing the whole table fetched all 20,000
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
