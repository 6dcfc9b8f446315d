import { makeCounterProvider } from '@willsoto/nestjs-prometheus';

export const EXECUTIONS_RECONCILED = 'executions_reconciled_total';
export const SCHEDULE_SLOTS_SKIPPED = 'schedule_slots_skipped_total';
export const EXECUTION_JOBS_ORPHANED = 'execution_jobs_orphaned_total';
export const WEBHOOK_ASYNC_STARTS = 'webhook_async_starts_total';

/** On every process that answers webhooks (the API), worker or not. */
export const webhookAsyncStartsProvider = makeCounterProvider({
  name: WEBHOOK_ASYNC_STARTS,
  help: 'Async webhook executions by how they started: eager (run in the API process and over before the 202), eager_background (202 before its end) or queued.',
  labelNames: ['start'],
});

/** What the reconciler did to an execution whose queue job was gone or failed. */
export type ReconcileAction = 'requeued' | 'resumed' | 'failed';

/** This library's own series (reconciler, schedules); they appear on the same /metrics as every other. */
export const executionMetricProviders = [
  makeCounterProvider({
    name: EXECUTIONS_RECONCILED,
    help: 'Executions whose queue job was gone or failed, by what the reconciler did: requeued, resumed (delayed run) or failed.',
    labelNames: ['action'],
  }),
  makeCounterProvider({
    name: SCHEDULE_SLOTS_SKIPPED,
    help: 'Schedule slots that did not run, by reason (rate_limit: the owner was over the execution limit).',
    labelNames: ['reason'],
  }),
  makeCounterProvider({
    name: EXECUTION_JOBS_ORPHANED,
    help: 'Run jobs whose execution row this worker could not find (another database on the same Redis prefix?); the job fails and is kept.',
  }),
];
