import { Injectable } from '@nestjs/common';
import { GroupCommit } from '@app/common';
import { AppConfig } from '@app/config';
import { SqlPool } from '@app/database';
import { StepRecord } from '@app/workflows';
import { ExecutionRow } from './execution-row';
import { ExecutionUpdatesPublisher } from './execution-updates.publisher';
import { FLUSH_EXECUTIONS } from './execution-writer.sql';
import { PlainArrayValue, plainArray } from './array-literal';
import { JsonTexts } from './json-texts';
import { plainText } from './jsonb-text';
import { boundedJson } from './step-data';
import { newTimeOrderedId } from './time-ordered-id';

export type StepWrite = StepRecord & { executionId: string };

export interface ExecutionWrite {
  insert?: ExecutionRow[];
  update?: ExecutionRow[];
  steps?: StepWrite[];
}

// One flush in flight: the writes of every turn of the event loop that passes while it runs go together
// in the next. A statement's fixed cost in PostgreSQL is 2-3 times an execution's, and once flushes
// formed per turn a second one in flight only split them smaller (interleaved, c=50: 2,191-2,967 against
// 1,855-2,512 req/s, p99 29-37 against 33-56 ms, 0.048 against 0.072 statements per request).
const MAX_FLUSHES_IN_FLIGHT = 1;
/**
 * Executions per statement at most (a write counts its rows; one of steps only counts one). A statement's
 * fixed cost is spread thin well before this (bench:flush: 101 µs of PostgreSQL CPU per execution at 50,
 * 90 at 200, 84 at 1,000); the cap bounds a backlog's statement (up to ~0.5 MB of step data per
 * execution) and what one failure sends back to be retried one by one.
 */
export const MAX_EXECUTIONS_PER_FLUSH = 200;

export { jsonbText } from './jsonb-text';

/**
 * Execution records are written by group commit: writes from concurrent executions that arrive while
 * a flush runs are merged into the next one — one statement, any number of rows. A caller's promise
 * resolves once its rows are committed. By hand because Prisma has no multi-row upsert and its
 * single-row writes cap out near 1.3k rows/s here.
 */
@Injectable()
export class ExecutionWriter {
  private readonly group = new GroupCommit<ExecutionWrite>(
    (writes) => this.flush(writes),
    MAX_FLUSHES_IN_FLIGHT,
    setImmediate,
    MAX_EXECUTIONS_PER_FLUSH,
    (write) => Math.max(1, (write.insert?.length ?? 0) + (write.update?.length ?? 0)),
  );

  private readonly maxDataBytes: number;

  constructor(
    private readonly sql: SqlPool,
    private readonly updates: ExecutionUpdatesPublisher,
    config: AppConfig,
  ) {
    this.maxDataBytes = config.execution.EXECUTION_DATA_MAX_BYTES;
  }

  write(write: ExecutionWrite): Promise<void> {
    return this.group.submit(write);
  }

  private async flush(writes: ExecutionWrite[]): Promise<void> {
    // Last write wins per row; sorted by key so concurrent flushes lock rows in the same order.
    const inserts = lastById(
      writes.flatMap((w) => w.insert ?? []),
      (r) => r.id,
    );
    const updates = lastById(
      writes.flatMap((w) => w.update ?? []),
      (r) => r.id,
    );
    const steps = lastById(
      writes.flatMap((w) => w.steps ?? []),
      (s) => `${s.executionId}:${s.nodeId}`,
    );
    const texts = new JsonTexts();
    const stored = storedSteps(steps, this.maxDataBytes, texts);
    const { rows } = await this.sql.pool.query<{ id: string }>(flushStatement(inserts, updates, stored, texts));
    const changed = new Set(rows.map((r) => r.id));
    this.updates.committed(
      lastById([...inserts, ...updates], (r) => r.id).filter((r) => changed.has(r.id)),
      stored.map((s) => s.published),
    );
  }
}

/** The one statement of a flush (a named, prepared statement), for rows already merged per id. */
export function flushStatement(inserts: ExecutionRow[], updates: ExecutionRow[], stored: StoredStep[], texts = new JsonTexts()) {
  return {
    name: 'flush-executions',
    text: FLUSH_EXECUTIONS,
    values: [...insertParams(inserts, texts), ...updateParams(updates, texts), ...stepParams(stored, texts)],
  };
}

function lastById<T>(rows: T[], key: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) byKey.set(key(row), row);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

const column = <T, V>(rows: T[], pick: (row: T) => V) => rows.map(pick);

/** A uuid, integer, enum or timestamp column, as one array literal (see plainArray). */
const plainColumn = <T>(rows: T[], pick: (row: T) => PlainArrayValue) => plainArray(rows.map(pick));

/**
 * A jsonb column as one JSON array of the values' JSON texts (null for SQL NULL): in an array literal
 * node-postgres would escape every quote of every value, a second copy of all the data.
 */
const jsonArray = <T>(rows: T[], pick: (row: T) => string | null) => `[${rows.map((row) => pick(row) ?? 'null').join(',')}]`;

function insertParams(rows: ExecutionRow[], texts: JsonTexts): unknown[] {
  return [
    plainColumn(rows, (r) => r.id),
    plainColumn(rows, (r) => r.workflowId),
    plainColumn(rows, (r) => r.workflowVersionId),
    plainColumn(rows, (r) => r.userId),
    plainColumn(rows, (r) => r.status),
    plainColumn(rows, (r) => r.trigger),
    jsonArray(rows, (r) => texts.of(r.input)),
    jsonArray(rows, (r) => texts.of(r.output)),
    column(rows, (r) => plainText(r.error)),
    plainColumn(rows, (r) => r.attempt),
    plainColumn(rows, (r) => r.retryOfId),
    column(rows, (r) => r.idempotencyKey),
    plainColumn(rows, (r) => r.queuedAt),
    plainColumn(rows, (r) => r.startedAt),
    plainColumn(rows, (r) => r.finishedAt),
    plainColumn(rows, (r) => r.durationMs),
  ];
}

function updateParams(rows: ExecutionRow[], texts: JsonTexts): unknown[] {
  return [
    plainColumn(rows, (r) => r.id),
    plainColumn(rows, (r) => r.status),
    jsonArray(rows, (r) => texts.of(r.output)),
    column(rows, (r) => plainText(r.error)),
    plainColumn(rows, (r) => r.startedAt),
    plainColumn(rows, (r) => r.finishedAt),
    plainColumn(rows, (r) => r.durationMs),
  ];
}

export interface StoredStep {
  step: StepWrite;
  input: string | null;
  output: string | null;
  /** As live viewers get it: the truncation markers in place of data too big to store. */
  published: StepWrite;
}

/** Each step's data is serialized here, once; what is over the limit is stored as a truncated preview. */
export function storedSteps(steps: StepWrite[], maxBytes: number, texts = new JsonTexts()): StoredStep[] {
  return steps.map((step) => {
    const input = boundedJson(step.input, maxBytes, texts.ofStepInput(step.input));
    const output = boundedJson(step.output, maxBytes, texts.of(step.output));
    const published =
      input.truncated || output.truncated
        ? { ...step, input: input.truncated ?? step.input, output: output.truncated ?? step.output }
        : step;
    return { step, input: input.text, output: output.text, published };
  });
}

function stepParams(stored: StoredStep[], texts: JsonTexts): unknown[] {
  const steps = stored.map((s) => s.step);
  return [
    plainColumn(steps, (s) => s.executionId),
    column(steps, (s) => s.nodeId),
    column(steps, (s) => s.nodeType),
    plainColumn(steps, (s) => s.sequence),
    plainColumn(steps, (s) => s.status),
    plainColumn(steps, (s) => s.attempt),
    jsonArray(stored, (s) => s.input),
    jsonArray(stored, (s) => s.output),
    column(steps, (s) => plainText(s.error)),
    plainColumn(steps, (s) => s.startedAt),
    plainColumn(steps, (s) => s.finishedAt),
    plainColumn(steps, (s) => s.durationMs),
    jsonArray(steps, (s) => texts.of(s.attempts?.length ? s.attempts : null)),
    plainColumn(steps, () => newTimeOrderedId()), // the id of a step inserted (an upsert keeps the first one)
  ];
}
