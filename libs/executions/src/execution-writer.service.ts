import { Injectable } from '@nestjs/common';
import { GroupCommit } from '@app/common';
import { SqlPool } from '@app/database';
import { StepRecord } from '@app/workflows';
import { ExecutionRow } from './execution-row';
import { FLUSH_EXECUTIONS } from './execution-writer.sql';

export interface ExecutionWrite {
  insert?: ExecutionRow[];
  update?: ExecutionRow[];
  steps?: (StepRecord & { executionId: string })[];
}

const MAX_FLUSHES_IN_FLIGHT = 8;

/** JSON text for a jsonb column; PostgreSQL refuses \u0000 in jsonb, so unescaped NULs are dropped. */
function json(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value);
  return text.includes('\\u0000') ? text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1') : text;
}

/**
 * Execution records are written by group commit: writes from concurrent executions that arrive while
 * a flush runs are merged into the next one — one statement, any number of rows. A caller's promise
 * resolves once its rows are committed. By hand because Prisma has no multi-row upsert and its
 * single-row writes cap out near 1.3k rows/s here.
 */
@Injectable()
export class ExecutionWriter {
  private readonly group = new GroupCommit<ExecutionWrite>((writes) => this.flush(writes), MAX_FLUSHES_IN_FLIGHT);

  constructor(private readonly sql: SqlPool) {}

  write(write: ExecutionWrite): Promise<void> {
    return this.group.submit(write);
  }

  private async flush(writes: ExecutionWrite[]): Promise<void> {
    // Last write wins per row; sorted by key so concurrent flushes lock rows in the same order.
    const inserts = lastById(writes.flatMap((w) => w.insert ?? []), (r) => r.id);
    const updates = lastById(writes.flatMap((w) => w.update ?? []), (r) => r.id);
    const steps = lastById(writes.flatMap((w) => w.steps ?? []), (s) => `${s.executionId}:${s.nodeId}`);
    await this.sql.pool.query({ name: 'flush-executions', text: FLUSH_EXECUTIONS, values: [...insertParams(inserts), ...updateParams(updates), ...stepParams(steps)] });
  }
}

function lastById<T>(rows: T[], key: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) byKey.set(key(row), row);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

const column = <T, V>(rows: T[], pick: (row: T) => V) => rows.map(pick);

function insertParams(rows: ExecutionRow[]): unknown[] {
  return [
    column(rows, (r) => r.id), column(rows, (r) => r.workflowId), column(rows, (r) => r.workflowVersionId), column(rows, (r) => r.userId),
    column(rows, (r) => r.status), column(rows, (r) => r.trigger), column(rows, (r) => json(r.input)), column(rows, (r) => json(r.output)),
    column(rows, (r) => r.error), column(rows, (r) => r.attempt), column(rows, (r) => r.retryOfId), column(rows, (r) => r.idempotencyKey),
    column(rows, (r) => r.queuedAt), column(rows, (r) => r.startedAt), column(rows, (r) => r.finishedAt), column(rows, (r) => r.durationMs),
  ];
}

function updateParams(rows: ExecutionRow[]): unknown[] {
  return [
    column(rows, (r) => r.id), column(rows, (r) => r.status), column(rows, (r) => json(r.output)), column(rows, (r) => r.error),
    column(rows, (r) => r.startedAt), column(rows, (r) => r.finishedAt), column(rows, (r) => r.durationMs),
  ];
}

function stepParams(steps: (StepRecord & { executionId: string })[]): unknown[] {
  return [
    column(steps, (s) => s.executionId), column(steps, (s) => s.nodeId), column(steps, (s) => s.nodeType), column(steps, (s) => s.sequence),
    column(steps, (s) => s.status), column(steps, (s) => s.attempt), column(steps, (s) => json(s.input)), column(steps, (s) => json(s.output)),
    column(steps, (s) => s.error), column(steps, (s) => s.startedAt), column(steps, (s) => s.finishedAt), column(steps, (s) => s.durationMs),
  ];
}
