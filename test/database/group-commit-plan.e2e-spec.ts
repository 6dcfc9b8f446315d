import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { SqlPool } from '@app/database';
import { FLUSH_EXECUTIONS } from '../../libs/executions/src/execution-writer.sql';
import { createTestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';

interface Owner {
  userId: string;
  workflowId: string;
  versionId: string;
}

/** The group commit's 36 arrays: executions inserted finished with three steps each, and executions finished by update. */
function flushValues(owner: Owner, inserted: string[], finished: string[]): unknown[] {
  const now = new Date();
  const each = <T>(ids: string[], value: T) => ids.map(() => value);
  const steps = [...inserted, ...finished].flatMap((id) => ['a', 'b', 'c'].map((nodeId, i) => ({ id, nodeId, i })));
  const step = <T>(value: (s: (typeof steps)[number]) => T) => steps.map(value);
  return [
    inserted,
    each(inserted, owner.workflowId),
    each(inserted, owner.versionId),
    each(inserted, owner.userId),
    each(inserted, 'SUCCEEDED'),
    each(inserted, 'WEBHOOK'),
    each(inserted, '{"a":1}'),
    each(inserted, '{"sum":1}'),
    each(inserted, null),
    each(inserted, 1),
    each(inserted, null),
    each(inserted, null),
    each(inserted, now),
    each(inserted, now),
    each(inserted, now),
    each(inserted, 3),
    finished,
    each(finished, 'SUCCEEDED'),
    each(finished, '{"sum":1}'),
    each(finished, null),
    each(finished, now),
    each(finished, now),
    each(finished, 3),
    step((s) => s.id),
    step((s) => s.nodeId),
    step(() => 'data.transform'),
    step((s) => s.i),
    step(() => 'SUCCEEDED'),
    step(() => 1),
    step(() => '{}'),
    step(() => '{}'),
    step(() => null),
    step(() => now),
    step(() => now),
    step(() => 1),
    step(() => '[]'),
  ];
}

const ids = (n: number) => Array.from({ length: n }, () => randomUUID());

describe('group commit statement plans', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: SqlPool;
  let client: PoolClient;
  const owner: Owner = { userId: randomUUID(), workflowId: randomUUID(), versionId: randomUUID() };
  const flush = (inserted: string[], finished: string[]) =>
    client.query({ name: 'flush-executions', text: FLUSH_EXECUTIONS, values: flushValues(owner, inserted, finished) });

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new SqlPool(testConfig({ DATABASE_URL: db.url }));
    client = await sql.pool.connect();
    await client.query(`INSERT INTO users (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, 'plan', 'x', now())`, [
      owner.userId,
      `plan-${owner.userId}@example.com`,
    ]);
    await client.query(`INSERT INTO workflows (id, "userId", name, "updatedAt") VALUES ($1, $2, 'plan', now())`, [
      owner.workflowId,
      owner.userId,
    ]);
    await client.query(`INSERT INTO workflow_versions (id, "workflowId", version, definition) VALUES ($1, $2, 1, '{}')`, [
      owner.versionId,
      owner.workflowId,
    ]);
  });
  afterAll(async () => {
    client?.release();
    await sql?.onModuleDestroy();
    await db?.drop();
  });

  it('plans each flush for the table as it is now, never by a generic plan cached while it was small', async () => {
    expect((await client.query('SHOW plan_cache_mode')).rows[0].plan_cache_mode).toBe('force_custom_plan');
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

    // This backend's own counts inside the transaction (pg_stat_xact_*): rows of executions read by sequential scans.
    await client.query('BEGIN');
    try {
      const { rows } = await flush(ids(7), running);
      expect(rows).toHaveLength(9);
      const [{ seqRead }] = (
        await client.query<{ seqRead: number }>(
          `SELECT seq_tup_read::int AS "seqRead" FROM pg_stat_xact_user_tables WHERE relname = 'executions'`,
        )
      ).rows;
      expect(seqRead).toBeLessThan(100);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
