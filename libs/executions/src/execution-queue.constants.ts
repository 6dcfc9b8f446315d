import { UserTier } from '@app/database';
import { ExecutionRow } from './execution-row';

export const EXECUTION_QUEUE = 'executions';

export const JOB = {
  run: 'run',
  resume: 'resume',
  scheduled: 'scheduled',
  prune: 'prune',
  /** A flow.waitForCallback callback's timeout: resolves it as timed out if still waiting. */
  callbackTimeout: 'callback-timeout',
} as const;

/**
 * Run jobs retry unexpected errors (a PostgreSQL blip while saving a step): the run resumes from its
 * saved steps. When the attempts are spent the execution is marked FAILED, never left RUNNING.
 */
export const RUN_JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: 1000,
  attempts: 3,
  backoff: { type: 'exponential', delay: 1_000 },
} as const;

/** A fresh run carries its row and the owner's tier, so the worker needs no query to start it. */
export interface RunJobData {
  executionId: string;
  snapshot?: { row: ExecutionRow; tier: UserTier };
  /** A retry from the failed step: the execution starts with the steps it reuses already recorded. */
  reuseSteps?: boolean;
}

export type ExecutionJob =
  RunJobData | { workflowId: string; nodeId: string } | { executionId: string; nodeId: string } | Record<string, never>;

export function runJobData(row: ExecutionRow, tier?: UserTier, reuseSteps = false): RunJobData {
  const data: RunJobData = tier ? { executionId: row.id, snapshot: { row, tier } } : { executionId: row.id };
  return reuseSteps ? { ...data, reuseSteps } : data;
}
