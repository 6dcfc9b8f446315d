import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { LifecycleModule } from '@app/health';
import { RedisModule } from '@app/redis';
import { WorkflowsModule } from '@app/workflows';
import { CallbacksService } from './callbacks.service';
import { CancellationService } from './cancellation.service';
import { ConcurrencyLimiter } from './concurrency-limiter.service';
import { ExecutionQueueModule } from './execution-queue.module';
import { ExecutionEvents } from './execution-events';
import { ExecutionResultWaiter } from './execution-result.waiter';
import { ExecutionRunService } from './execution-run.service';
import { ExecutionTriggerService } from './execution-trigger.service';
import { ExecutionUpdatesPublisher } from './execution-updates.publisher';
import { ExecutionUpdatesSubscriber } from './execution-updates.subscriber';
import { ExecutionWriter } from './execution-writer.service';
import { ExecutionsService } from './executions.service';
import { webhookAsyncStartsProvider } from './executions.metrics';
import { ScheduleSyncService } from './schedule-sync.service';

/** Execution records, the producer side of the queue and the run service; no routes. */
@Module({
  imports: [ExecutionQueueModule, WorkflowsModule, LifecycleModule, DatabaseModule, RedisModule],
  providers: [
    CallbacksService,
    ExecutionEvents,
    ExecutionsService,
    ExecutionWriter,
    ExecutionRunService,
    CancellationService,
    ConcurrencyLimiter,
    ScheduleSyncService,
    ExecutionUpdatesPublisher,
    ExecutionUpdatesSubscriber,
    ExecutionResultWaiter,
    ExecutionTriggerService,
    webhookAsyncStartsProvider,
  ],
  exports: [
    CallbacksService,
    ExecutionEvents,
    ExecutionsService,
    ExecutionWriter,
    ExecutionRunService,
    ConcurrencyLimiter,
    CancellationService,
    ExecutionQueueModule,
    WorkflowsModule,
    ExecutionUpdatesPublisher,
    ExecutionUpdatesSubscriber,
    ExecutionTriggerService,
  ],
})
export class ExecutionsModule {}
