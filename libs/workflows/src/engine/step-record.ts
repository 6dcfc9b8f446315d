export type StepStatus = 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'TIMED_OUT' | 'CANCELLED';

/** One node's run, as persisted in ExecutionStep (one record per node per execution). */
export interface StepRecord {
  nodeId: string;
  nodeType: string;
  /** Position in the plan's topological order: stable across retries and resumes. */
  sequence: number;
  status: StepStatus;
  attempt: number;
  input: unknown;
  output: unknown;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
}
