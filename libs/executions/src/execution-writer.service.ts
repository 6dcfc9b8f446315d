import { Injectable } from '@nestjs/common';
import { SqlPool } from '@app/database';
import { StepRecord } from '@app/workflows';
import { ExecutionRow } from './execution-row';
import { INSERT_EXECUTIONS, UPDATE_EXECUTIONS, UPSERT_STEPS } from './execution-writer.sql';

export interface ExecutionWrite {
  insert?: ExecutionRow[];
  update?: ExecutionRow[];
  steps?: (StepRecord & { executionId: string })[];
}

interface Waiter {
  write: ExecutionWrite;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_FLUSHES_IN_FLIGHT = 2;
/** JSON text for a jsonb column; PostgreSQL refuses \u0000 in jsonb, so unescaped NULs are dropped. */
const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1'));

/**
 * Group commit for execution records: writes from concurrent executions that arrive while a flush is
 * running are merged into the next one (one transaction, three statements, any number of rows).
 * A caller's promise resolves once its rows are committed. Written by hand because Prisma has no
 * multi-row upsert and its single-row writes cap out near 1.3k rows/s here.
 */
@Injectable()
export class ExecutionWriter {
  private pending: Waiter[] = [];
  private inFlight = 0;

  constructor(private readonly sql: SqlPool) {}

  write(write: ExecutionWrite): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_FLUSHES_IN_FLIGHT && this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      this.inFlight++;
      this.flush(batch.map((w) => w.write))
        .then(() => batch.forEach((w) => w.resolve()))
        .catch((error) => this.isolate(batch, error))
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }

  /** One bad row must not fail its neighbours: retry a failed batch write by write. */
  private async isolate(batch: Waiter[], error: unknown): Promise<void> {
    if (batch.length === 1) return batch[0].reject(error);
    for (const waiter of batch) await this.flush([waiter.write]).then(waiter.resolve, waiter.reject);
  }

  private async flush(writes: ExecutionWrite[]): Promise<void> {
    // Last write wins per row; sorted by key so concurrent flushes lock rows in the same order.
    const inserts = lastById(writes.flatMap((w) => w.insert ?? []), (r) => r.id);
    const updates = lastById(writes.flatMap((w) => w.update ?? []), (r) => r.id);
    const steps = lastById(writes.flatMap((w) => w.steps ?? []), (s) => `${s.executionId}:${s.nodeId}`);
    await this.sql.transaction(async (client) => {
      if (inserts.length) await client.query(INSERT_EXECUTIONS, insertParams(inserts));
      if (updates.length) await client.query(UPDATE_EXECUTIONS, updateParams(updates));
      if (steps.length) await client.query(UPSERT_STEPS, stepParams(steps));
    });
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
