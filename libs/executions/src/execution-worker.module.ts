import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { RedisModule } from '@app/redis';
import { RateLimiterModule } from '@app/throttling';
import { ExecutionJobHandler } from './execution-job.handler';
import { ExecutionLoader } from './execution-loader.service';
import { ExecutionPortService } from './execution-port.service';
import { ExecutionReconciler } from './execution-reconciler.service';
import { ExecutionWorker } from './execution-worker.service';
import { ExecutionsModule } from './executions.module';
import { executionMetricProviders } from './executions.metrics';
import { ReconcileTimer } from './reconcile-timer.service';
import { RetentionService } from './retention.service';
import { ScheduledRunService } from './scheduled-run.service';

/** The consumer side: in the worker app, and in the API when WORKER_INLINE=true. */
@Module({
  imports: [ExecutionsModule, RateLimiterModule, DatabaseModule, RedisModule],
  providers: [
    ...executionMetricProviders,
    ExecutionWorker,
    ExecutionJobHandler,
    ExecutionPortService,
    ExecutionLoader,
    RetentionService,
    ScheduledRunService,
    ExecutionReconciler,
    ReconcileTimer,
  ],
  exports: [RetentionService],
})
export class ExecutionWorkerModule {}
