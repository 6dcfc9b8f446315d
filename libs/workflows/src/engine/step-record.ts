/** RUNNING: a flow.waitForCallback node waiting for its callback. */
export type StepStatus = 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'TIMED_OUT' | 'CANCELLED' | 'RUNNING';

/** One try of a node: retries with backoff make several. */
export interface StepAttempt {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  error: string | null;
}

/** One node's run, as persisted in ExecutionStep (one record per node per execution). */
export interface StepRecord {
  nodeId: string;
  nodeType: string;
  /** Position in the plan's topological order: stable across retries and resumes. */
  sequence: number;
  status: StepStatus;
  attempt: number;
  /** What the node saw: its parents' outputs (and the trigger data or other nodes its params refer to). */
  input: unknown;
  output: unknown;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  attempts?: StepAttempt[];
  /** A retry reused this output: the execution where the node really ran. */
  reusedFromExecutionId?: string | null;
}
