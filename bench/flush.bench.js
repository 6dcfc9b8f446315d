// npm run bench:flush — the group commit's one statement (libs/executions/src/execution-writer.sql.ts) alone:
// PostgreSQL backend CPU per execution (its row and echo-sum's 3 steps) by how many executions one statement
// carries. Baseline in the same run: one execution per statement (what a write per run would cost). The rounds
// of all sizes are interleaved, each size on its own database, so they share the machine's drift and grow
// their tables alike. A last database without the executions' and steps' foreign keys shows what their
// checks cost (a diagnostic: the platform keeps them). No API process: the statement and its parameters come
// from the writer's own code (dist/), sent through the platform's SqlPool (its plan settings included).
// BENCH_FLUSH_SIZES (default "1,5,20,50") and BENCH_ROUNDS (default 8) tune it.
const { randomUUID } = require('node:crypto');
const { join } = require('node:path');
const s = require('./support');
const { processCpuMs } = require('./cpu-usage');

const SIZES = (process.env.BENCH_FLUSH_SIZES ?? '1,5,20,50').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
/** Executions written per size and round: the same count for every size, so each sees the same table growth. */
const EXECUTIONS_PER_ROUND = 2_000;
const WARM_UP_EXECUTIONS = 500;
const NO_FOREIGN_KEYS = `
  ALTER TABLE executions DROP CONSTRAINT "executions_workflowId_fkey", DROP CONSTRAINT "executions_workflowVersionId_fkey",
    DROP CONSTRAINT "executions_userId_fkey";
  ALTER TABLE execution_steps DROP CONSTRAINT "execution_steps_executionId_fkey"`;

const dist = (path) => require(join(s.ROOT, 'dist', path));
const { SqlPool } = dist('libs/database/src');
const { flushStatement, storedSteps } = dist('libs/executions/src/execution-writer.service');
const { newTimeOrderedId } = dist('libs/executions/src/time-ordered-id');
const { newExecutionRow } = dist('libs/executions/src/executions.service');

/** A database with one user, workflow and version, and a SqlPool client whose backend is measured. */
async function target(size, foreignKeys = true) {
  const db = await s.createDatabase('bench_flush');
  try {
    return await connectedTarget(db, size, foreignKeys);
  } catch (error) {
    await db.drop();
    throw error;
  }
}

async function connectedTarget(db, size, foreignKeys) {
  if (!foreignKeys) await s.query(db.url, NO_FOREIGN_KEYS);
  const [userId, workflowId, versionId] = [randomUUID(), randomUUID(), randomUUID()];
  await s.query(
    db.url,
    `INSERT INTO users (id, email, name, "passwordHash", tier, "updatedAt") VALUES ($1, $2, 'Bench', 'x', 'ENTERPRISE', now())`,
    [userId, `${userId}@example.com`],
  );
  await s.query(db.url, `INSERT INTO workflows (id, "userId", name, "updatedAt") VALUES ($1, $2, 'echo-sum', now())`, [workflowId, userId]);
  await s.query(db.url, `INSERT INTO workflow_versions (id, "workflowId", version, definition) VALUES ($1, $2, 1, '{}')`, [
    versionId,
    workflowId,
  ]);
  const sql = new SqlPool({
    database: { DATABASE_URL: db.url, DATABASE_POOL_MAX: 1, DATABASE_POOL_IDLE_TIMEOUT_MS: 0, DATABASE_CONNECT_TIMEOUT_MS: 5_000 },
  });
  const client = await sql.pool.connect();
  const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
  return { db, sql, client, pid: rows[0].pid, size, foreignKeys, ids: { userId, workflowId, versionId }, cpuMs: 0, executions: 0 };
}

/** One flush of `size` echo-sum executions, finished, as a sync webhook's writes reach the writer. */
function statementOf({ size, ids }) {
  const inserts = [];
  const steps = [];
  for (let i = 0; i < size; i++) {
    const id = newTimeOrderedId();
    const now = new Date();
    const input = { a: 1, b: 2, id: `x-${i}` };
    inserts.push({
      ...newExecutionRow({ workflowId: ids.workflowId, workflowVersionId: ids.versionId, userId: ids.userId, trigger: 'WEBHOOK', input }),
      id,
      status: 'SUCCEEDED',
      output: { sum: 3 },
      queuedAt: now,
      startedAt: now,
      finishedAt: now,
      durationMs: 1,
    });
    for (const [sequence, [nodeId, nodeType, output]] of [
      ['hook', 'trigger.webhook', input],
      ['sum', 'transform', { sum: 3 }],
      ['respond', 'webhook.response', { sum: 3 }],
    ].entries()) {
      steps.push({
        executionId: id,
        nodeId,
        nodeType,
        sequence,
        status: 'SUCCEEDED',
        attempt: 1,
        input: { nodes: {}, trigger: input },
        output,
        error: null,
        startedAt: now,
        finishedAt: now,
        durationMs: 0,
        attempts: [],
      });
    }
  }
  return flushStatement(inserts, [], storedSteps(steps, 64 * 1024));
}

async function write(t, executions) {
  for (let done = 0; done < executions; done += t.size) await t.client.query(statementOf(t));
}

async function main() {
  const targets = [];
  try {
    for (const size of SIZES) targets.push(await target(size));
    const largest = Math.max(...SIZES);
    targets.push(await target(largest, false));
    for (const t of targets) await write(t, WARM_UP_EXECUTIONS);
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 ? [...targets].reverse() : targets) {
        const before = processCpuMs(t.pid);
        await write(t, EXECUTIONS_PER_ROUND);
        t.cpuMs += processCpuMs(t.pid) - before;
        t.executions += EXECUTIONS_PER_ROUND;
      }
    }
    const perExecution = (t) => (t.cpuMs * 1000) / t.executions; // µs
    const baseline = perExecution(targets[0]);
    console.log(
      `\nbench:flush — the group commit's statement alone, ${ROUNDS} interleaved rounds of ${s.fmt(EXECUTIONS_PER_ROUND)} executions per size` +
        ` (each 1 execution row + 3 steps); PostgreSQL backend CPU from /proc\n`,
    );
    console.log('executions per statement | CPU per execution (µs) | ratio to 1 per statement');
    for (const t of targets.filter((t) => t.foreignKeys)) {
      console.log(
        `${String(t.size).padStart(24)} | ${s.fmt(perExecution(t), 1).padStart(22)} | ${s.fmt(perExecution(t) / baseline, 2).padStart(24)}`,
      );
    }
    const [withKeys, withoutKeys] = [targets.find((t) => t.size === largest && t.foreignKeys), targets.at(-1)];
    const share = 1 - perExecution(withoutKeys) / perExecution(withKeys);
    console.log(
      `\nwithout the foreign keys (diagnostic), ${largest} per statement: ${s.fmt(perExecution(withoutKeys), 1)} µs per execution` +
        ` (their checks: ${s.fmt(share * 100)} % of the statement's CPU)`,
    );
  } finally {
    for (const t of targets) {
      t.client.release();
      await t.sql.onModuleDestroy();
      await t.db.drop();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
