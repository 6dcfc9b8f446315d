import { Injectable } from '@nestjs/common';
import { GroupCommit } from '@app/common';
import { SqlPool } from '@app/database';
import { StepRecord } from '@app/workflows';
import { ExecutionRow } from './execution-row';
import { ExecutionUpdatesPublisher } from './execution-updates.publisher';
import { FLUSH_EXECUTIONS } from './execution-writer.sql';

export interface ExecutionWrite {
  insert?: ExecutionRow[];
  update?: ExecutionRow[];
  steps?: (StepRecord & { executionId: string })[];
}

const MAX_FLUSHES_IN_FLIGHT = 8;

/**
 * JSON text for a jsonb column. PostgreSQL refuses \u0000 and unpaired surrogates in jsonb, which a node
 * can produce (an upstream body, a JSONata string): NULs are dropped and lone surrogates become U+FFFD,
 * so the step is stored instead of the whole write failing. JSON.stringify escapes exactly those
 * surrogates (paired ones stay literal), so every unescaped \uD800-\uDFFF escape is a lone one.
 */
export function jsonbText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  let text = JSON.stringify(value);
  if (!text.includes('\\u')) return text;
  text = text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1');
  return text.replace(/(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/gi, '$1\\ufffd');
}

/** Text columns refuse NUL too (lone surrogates are replaced by the driver's UTF-8 encoding). */
function plainText(value: string | null | undefined): string | null {
  return value == null ? null : value.replaceAll('\u0000', '');
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

  constructor(private readonly sql: SqlPool, private readonly updates: ExecutionUpdatesPublisher) {}

  write(write: ExecutionWrite): Promise<void> {
    return this.group.submit(write);
  }

  private async flush(writes: ExecutionWrite[]): Promise<void> {
    // Last write wins per row; sorted by key so concurrent flushes lock rows in the same order.
    const inserts = lastById(writes.flatMap((w) => w.insert ?? []), (r) => r.id);
    const updates = lastById(writes.flatMap((w) => w.update ?? []), (r) => r.id);
    const steps = lastById(writes.flatMap((w) => w.steps ?? []), (s) => `${s.executionId}:${s.nodeId}`);
    const { rows } = await this.sql.pool.query<{ id: string }>({ name: 'flush-executions', text: FLUSH_EXECUTIONS, values: [...insertParams(inserts), ...updateParams(updates), ...stepParams(steps)] });
    const changed = new Set(rows.map((r) => r.id));
    this.updates.committed(lastById([...inserts, ...updates], (r) => r.id).filter((r) => changed.has(r.id)), steps);
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
    column(rows, (r) => r.status), column(rows, (r) => r.trigger), column(rows, (r) => jsonbText(r.input)), column(rows, (r) => jsonbText(r.output)),
    column(rows, (r) => plainText(r.error)), column(rows, (r) => r.attempt), column(rows, (r) => r.retryOfId), column(rows, (r) => r.idempotencyKey),
    column(rows, (r) => r.queuedAt), column(rows, (r) => r.startedAt), column(rows, (r) => r.finishedAt), column(rows, (r) => r.durationMs),
  ];
}

function updateParams(rows: ExecutionRow[]): unknown[] {
  return [
    column(rows, (r) => r.id), column(rows, (r) => r.status), column(rows, (r) => jsonbText(r.output)), column(rows, (r) => plainText(r.error)),
    column(rows, (r) => r.startedAt), column(rows, (r) => r.finishedAt), column(rows, (r) => r.durationMs),
  ];
}

function stepParams(steps: (StepRecord & { executionId: string })[]): unknown[] {
  return [
    column(steps, (s) => s.executionId), column(steps, (s) => s.nodeId), column(steps, (s) => s.nodeType), column(steps, (s) => s.sequence),
    column(steps, (s) => s.status), column(steps, (s) => s.attempt), column(steps, (s) => jsonbText(s.input)), column(steps, (s) => jsonbText(s.output)),
    column(steps, (s) => plainText(s.error)), column(steps, (s) => s.startedAt), column(steps, (s) => s.finishedAt), column(steps, (s) => s.durationMs),
  ];
}
