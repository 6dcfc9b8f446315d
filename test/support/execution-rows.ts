import { randomUUID } from 'node:crypto';
import { ExecutionRow } from '../../libs/executions/src/execution-row';
import { StepWrite } from '../../libs/executions/src/execution-writer.service';
import { newExecutionRow } from '../../libs/executions/src/executions.service';

/** The user, workflow and version that executions written straight through the writer's SQL belong to. */
export interface ExecutionOwner {
  userId: string;
  workflowId: string;
  versionId: string;
}

/** Inserts an owner's rows (the executions' foreign keys point at them) on any node-postgres client or pool. */
export async function insertExecutionOwner(db: { query: (sql: string, params: unknown[]) => Promise<unknown> }): Promise<ExecutionOwner> {
  const owner = { userId: randomUUID(), workflowId: randomUUID(), versionId: randomUUID() };
  await db.query(`INSERT INTO users (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, 'owner', 'x', now())`, [
    owner.userId,
    `owner-${owner.userId}@example.com`,
  ]);
  await db.query(`INSERT INTO workflows (id, "userId", name, "updatedAt") VALUES ($1, $2, 'owner', now())`, [
    owner.workflowId,
    owner.userId,
  ]);
  await db.query(`INSERT INTO workflow_versions (id, "workflowId", version, definition) VALUES ($1, $2, 1, '{}')`, [
    owner.versionId,
    owner.workflowId,
  ]);
  return owner;
}

/** Finished executions as the sync path writes them. */
export function finishedRows(owner: ExecutionOwner, ids: string[]): ExecutionRow[] {
  const now = new Date();
  return ids.map((id) => ({
    ...newExecutionRow({
      workflowId: owner.workflowId,
      workflowVersionId: owner.versionId,
      userId: owner.userId,
      trigger: 'WEBHOOK',
      input: { a: 1 },
    }),
    id,
    status: 'SUCCEEDED',
    output: { sum: 1 },
    queuedAt: now,
    startedAt: now,
    finishedAt: now,
    durationMs: 3,
  }));
}

/** Three finished steps for each execution. */
export function stepsOf(ids: string[]): StepWrite[] {
  const now = new Date();
  return ids.flatMap((executionId) =>
    ['a', 'b', 'c'].map((nodeId, sequence) => ({
      executionId,
      nodeId,
      nodeType: 'data.transform',
      sequence,
      status: 'SUCCEEDED' as const,
      attempt: 1,
      input: {},
      output: {},
      error: null,
      startedAt: now,
      finishedAt: now,
      durationMs: 1,
    })),
  );
}
