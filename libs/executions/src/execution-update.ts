import { ExecutionStatus } from '@app/database';
import { StepRecord } from '@app/workflows';
import { ExecutionRow } from './execution-row';

/** The row fields a live view needs to follow an execution. Dates are ISO strings once through JSON. */
export type ExecutionRowUpdate = Pick<ExecutionRow, 'id' | 'status' | 'output' | 'error' | 'startedAt' | 'finishedAt' | 'durationMs'>;
export type ExecutionStepUpdate = Omit<StepRecord, 'executionId'>;

/**
 * What one committed write changed in one execution, published on its Redis channel. `changed` alone
 * means "read it again" (a write made outside the group commit, or a message too large to publish).
 */
export interface ExecutionUpdate {
  row?: ExecutionRowUpdate;
  steps?: ExecutionStepUpdate[];
  changed?: true;
}

export const executionUpdatesChannel = (keyPrefix: string, executionId: string) => `${keyPrefix}execution-updates:${executionId}`;

/** What a user's execution list needs to follow one of their executions (no input, output or steps). */
export type ExecutionSummary = Pick<
  ExecutionRow,
  'id' | 'workflowId' | 'status' | 'trigger' | 'error' | 'queuedAt' | 'startedAt' | 'finishedAt' | 'durationMs'
>;

/**
 * Published on the owner's channel: the summaries of one group commit's executions of that owner, or
 * `changed` (the id only) when it must be read again. `execution` (one summary) is what publishers before
 * the batched form sent: still read, so a rolling upgrade loses no update.
 */
export interface UserExecutionUpdate {
  executions?: ExecutionSummary[];
  execution?: ExecutionSummary;
  changed?: string;
}

/** The summaries an owner's message carries, in either form. */
export const summariesOf = (update: UserExecutionUpdate): ExecutionSummary[] =>
  update.executions ?? (update.execution ? [update.execution] : []);

export const userExecutionUpdatesChannel = (keyPrefix: string, userId: string) => `${keyPrefix}execution-updates:user:${userId}`;

const STATUS_RANK: Record<ExecutionStatus, number> = { QUEUED: 0, RUNNING: 1, SUCCEEDED: 2, FAILED: 2, CANCELLED: 2, TIMED_OUT: 2 };

/** Statuses only move forward: an update published before a read but delivered after it must not undo it. */
export const isStatusRegression = (from: ExecutionStatus, to: ExecutionStatus) => STATUS_RANK[to] < STATUS_RANK[from];
