import { randomUUID } from 'node:crypto';
import { SqlPool } from '@app/database';
import { RedisService } from '@app/redis';
import { ExecutionRow } from '../../libs/executions/src/execution-row';
import { ExecutionUpdatesPublisher } from '../../libs/executions/src/execution-updates.publisher';
import { ExecutionWriter, MAX_WRITES_PER_FLUSH } from '../../libs/executions/src/execution-writer.service';
import { newTimeOrderedId } from '../../libs/executions/src/time-ordered-id';
import { createTestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';

describe('execution writer under a backlog', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: SqlPool;
  let redis: RedisService;
  let writer: ExecutionWriter;
  const owner = { userId: randomUUID(), workflowId: randomUUID(), versionId: randomUUID() };

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig({ DATABASE_URL: db.url, REDIS_KEY_PREFIX: `test-backlog-${randomUUID()}:` });
    sql = new SqlPool(config);
    redis = new RedisService(config);
    writer = new ExecutionWriter(sql, new ExecutionUpdatesPublisher(redis), config);
    await sql.pool.query(`INSERT INTO users (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, 'backlog', 'x', now())`, [
      owner.userId,
      `backlog-${owner.userId}@example.com`,
    ]);
    await sql.pool.query(`INSERT INTO workflows (id, "userId", name, "updatedAt") VALUES ($1, $2, 'backlog', now())`, [
      owner.workflowId,
      owner.userId,
    ]);
    await sql.pool.query(`INSERT INTO workflow_versions (id, "workflowId", version, definition) VALUES ($1, $2, 1, '{}')`, [
      owner.versionId,
      owner.workflowId,
    ]);
  });
  afterAll(async () => {
    await sql?.onModuleDestroy();
    await redis?.onModuleDestroy();
    await db?.drop();
  });

  function finished(id: string): ExecutionRow {
    const now = new Date();
    return {
      id,
      workflowId: owner.workflowId,
      workflowVersionId: owner.versionId,
      userId: owner.userId,
      status: 'SUCCEEDED',
      trigger: 'WEBHOOK',
      input: { n: id },
      output: { ok: true },
      error: null,
      attempt: 1,
      retryOfId: null,
      idempotencyKey: null,
      queuedAt: now,
      startedAt: now,
      finishedAt: now,
      durationMs: 1,
    };
  }

  it('writes a backlog in statements of at most MAX_WRITES_PER_FLUSH executions, every one of them with its steps', async () => {
    const flushes = jest.spyOn(sql.pool, 'query'); // calls through: counts the writer's statements
    const ids = Array.from({ length: 2 * MAX_WRITES_PER_FLUSH + 50 }, () => newTimeOrderedId());
    const now = new Date();
    await Promise.all(
      ids.map((id) =>
        writer.write({
          insert: [finished(id)],
          steps: ['a', 'b', 'c'].map((nodeId, sequence) => ({
            executionId: id,
            nodeId,
            nodeType: 'data.transform',
            sequence,
            status: 'SUCCEEDED' as const,
            attempt: 1,
            input: {},
            output: { nodeId },
            error: null,
            startedAt: now,
            finishedAt: now,
            durationMs: 0,
          })),
        }),
      ),
    );
    const perStatement = flushes.mock.calls.map(
      ([statement]) => ((statement as { values: string[] }).values[0].match(/,/g)?.length ?? 0) + 1,
    );
    flushes.mockRestore();
    expect(perStatement).toEqual([MAX_WRITES_PER_FLUSH, MAX_WRITES_PER_FLUSH, 50]);
    const { rows } = await sql.pool.query<{ executions: number; steps: number }>(
      `SELECT (SELECT count(*)::int FROM executions) AS executions, (SELECT count(*)::int FROM execution_steps) AS steps`,
    );
    expect(rows[0]).toEqual({ executions: ids.length, steps: 3 * ids.length });
  });
});
