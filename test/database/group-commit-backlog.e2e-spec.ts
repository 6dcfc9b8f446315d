import { Queue } from 'bullmq';
import { SqlPool } from '@app/database';
import { RedisService, redisUrlOptions } from '@app/redis';
import { ExecutionUpdatesPublisher } from '../../libs/executions/src/execution-updates.publisher';
import { ExecutionWriter, MAX_EXECUTIONS_PER_FLUSH } from '../../libs/executions/src/execution-writer.service';
import { ExecutionsService } from '../../libs/executions/src/executions.service';
import { newTimeOrderedId } from '../../libs/executions/src/time-ordered-id';
import { ExecutionOwner, finishedRows, insertExecutionOwner, stepsOf } from '../support/execution-rows';
import { createTestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';
import { TEST_REDIS_URL, uniquePrefix } from '../support/process-api';

/** Executions per statement: the writer's first parameter is the array literal of the inserted ids. */
const rowsOf = (statement: unknown) => ((statement as { values: string[] }).values[0].match(/,/g)?.length ?? 0) + 1;

describe('execution writer under a backlog', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: SqlPool;
  let redis: RedisService;
  let writer: ExecutionWriter;
  let queue: Queue;
  let owner: ExecutionOwner;
  const prefix = uniquePrefix('backlog');

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig({ DATABASE_URL: db.url, REDIS_KEY_PREFIX: prefix });
    sql = new SqlPool(config);
    redis = new RedisService(config);
    writer = new ExecutionWriter(sql, new ExecutionUpdatesPublisher(redis), config);
    queue = new Queue('executions', { connection: redisUrlOptions(TEST_REDIS_URL), prefix: `${prefix}bull` });
    owner = await insertExecutionOwner(sql.pool);
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    await sql?.onModuleDestroy();
    await redis?.onModuleDestroy();
    await db?.drop();
  });

  it('writes a backlog in statements of at most MAX_EXECUTIONS_PER_FLUSH executions, every one of them with its steps', async () => {
    const flushes = jest.spyOn(sql.pool, 'query'); // calls through: counts the writer's statements
    const ids = Array.from({ length: 2 * MAX_EXECUTIONS_PER_FLUSH + 50 }, () => newTimeOrderedId());
    await Promise.all(ids.map((id) => writer.write({ insert: finishedRows(owner, [id]), steps: stepsOf([id]) })));
    const perStatement = flushes.mock.calls.map(([statement]) => rowsOf(statement));
    flushes.mockRestore();
    expect(perStatement).toEqual([MAX_EXECUTIONS_PER_FLUSH, MAX_EXECUTIONS_PER_FLUSH, 50]);
    const { rows } = await sql.pool.query<{ executions: number; steps: number }>(
      `SELECT (SELECT count(*)::int FROM executions) AS executions, (SELECT count(*)::int FROM execution_steps) AS steps`,
    );
    expect(rows[0]).toEqual({ executions: ids.length, steps: 3 * ids.length });
  });

  it('enqueues a backlog in groups of at most MAX_EXECUTIONS_PER_FLUSH: one statement and one addBulk each, every run recorded and queued', async () => {
    // Only the writer and the queue take part in enqueueRow.
    const unused = undefined as never;
    const executions = new ExecutionsService(unused, writer, unused, unused, unused, unused, queue);
    const flushes = jest.spyOn(sql.pool, 'query');
    const bulks = jest.spyOn(queue, 'addBulk');
    const ids = Array.from({ length: 2 * MAX_EXECUTIONS_PER_FLUSH + 50 }, () => newTimeOrderedId());
    const queued = finishedRows(owner, ids).map((row) => ({ ...row, status: 'QUEUED' as const }));
    await Promise.all(queued.map((row) => executions.enqueueRow(row, 'ENTERPRISE')));
    const perStatement = flushes.mock.calls.map(([statement]) => rowsOf(statement));
    const perBulk = bulks.mock.calls.map(([jobs]) => jobs.length);
    flushes.mockRestore();
    bulks.mockRestore();
    expect(perStatement).toEqual([MAX_EXECUTIONS_PER_FLUSH, MAX_EXECUTIONS_PER_FLUSH, 50]);
    expect(perBulk).toEqual([MAX_EXECUTIONS_PER_FLUSH, MAX_EXECUTIONS_PER_FLUSH, 50]);
    const { rows } = await sql.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM executions WHERE status = 'QUEUED'`);
    expect(rows[0].n).toBe(queued.length);
    expect(await queue.getWaitingCount()).toBe(queued.length);
  });
});
