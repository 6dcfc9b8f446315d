import { Execution, ExecutionStep } from '@app/database';

export function toExecutionResponse(execution: Execution & { workflowVersion?: { version: number } }, steps?: ExecutionStep[]) {
  return {
    id: execution.id,
    workflowId: execution.workflowId,
    workflowVersionId: execution.workflowVersionId,
    ...(execution.workflowVersion ? { workflowVersion: execution.workflowVersion.version } : {}),
    status: execution.status,
    trigger: execution.trigger,
    attempt: execution.attempt,
    retryOfId: execution.retryOfId,
    parentExecutionId: execution.parentExecutionId,
    input: execution.input,
    output: execution.output,
    error: execution.error,
    queuedAt: execution.queuedAt,
    startedAt: execution.startedAt,
    finishedAt: execution.finishedAt,
    durationMs: execution.durationMs,
    createdAt: execution.createdAt,
    ...(steps
      ? {
          steps: steps.map((s) => ({
            nodeId: s.nodeId,
            nodeType: s.nodeType,
            sequence: s.sequence,
            status: s.status,
            attempt: s.attempt,
            input: s.input,
            output: s.output,
            error: s.error,
            startedAt: s.startedAt,
            finishedAt: s.finishedAt,
            durationMs: s.durationMs,
            attempts: s.attempts ?? [],
            reusedFromExecutionId: s.reusedFromExecutionId,
          })),
        }
      : {}),
  };
}
