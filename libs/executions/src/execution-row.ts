import { ExecutionStatus, TriggerType } from '@app/database';

/** The full mutable state of one execution, as the writer persists it. */
export interface ExecutionRow {
  id: string;
  workflowId: string;
  workflowVersionId: string;
  userId: string;
  status: ExecutionStatus;
  trigger: TriggerType;
  input: unknown;
  output: unknown;
  error: string | null;
  attempt: number;
  retryOfId: string | null;
  idempotencyKey: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
}

export const FINAL_STATUSES: ExecutionStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

export const isFinal = (status: ExecutionStatus) => FINAL_STATUSES.includes(status);
