export const EXECUTION_QUEUE = 'executions';

export type ExecutionJob = { executionId: string } | { workflowId: string; nodeId: string } | Record<string, never>;

export const JOB = {
  run: 'run',
  resume: 'resume',
  scheduled: 'scheduled',
  prune: 'prune',
} as const;
