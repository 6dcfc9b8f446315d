export { EXECUTION_QUEUE, type ExecutionJob, JOB, RUN_JOB_OPTIONS, runJobData, type RunJobData } from './execution-queue.constants';
export { ExecutionQueueModule } from './execution-queue.module';
export { ExecutionsModule } from './executions.module';
export { ExecutionsHttpModule } from './executions-http.module';
export { ExecutionWorkerModule } from './execution-worker.module';
export { ExecutionMetricsModule } from './metrics/execution-metrics.module';
export { ExecutionsService, type NewExecution, newExecutionRow } from './executions.service';
export { ExecutionRunService } from './execution-run.service';
export { ExecutionTriggerService, type SlotAsker, type TriggerAnswer, type TriggerRequest } from './execution-trigger.service';
export { type ExecutionResult, ExecutionResultWaiter, type WaitOptions } from './execution-result.waiter';
export { type ExecutionRow, FINAL_STATUSES, isFinal } from './execution-row';
export { ConcurrencyLimiter } from './concurrency-limiter.service';
export { RetentionService } from './retention.service';
export { ExecutionEvents, type ExecutionFinished } from './execution-events';
export { CancellationService } from './cancellation.service';
export { executionLocation } from './execution-location';
export {
  type ExecutionRowUpdate,
  type ExecutionStepUpdate,
  type ExecutionSummary,
  type UserExecutionUpdate,
  summariesOf,
  type ExecutionUpdate,
  executionUpdatesChannel,
  userExecutionUpdatesChannel,
  isStatusRegression,
} from './execution-update';
export { ExecutionUpdatesPublisher } from './execution-updates.publisher';
export { ExecutionUpdatesSubscriber, type ExecutionWatcher } from './execution-updates.subscriber';
export { executionMetricProviders, EXECUTIONS_RECONCILED, type ReconcileAction, SCHEDULE_SLOTS_SKIPPED } from './executions.metrics';
