import { Module } from '@nestjs/common';
import { WorkflowsModule } from '@app/workflows';
import { CancellationService } from './cancellation.service';
import { ConcurrencyLimiter } from './concurrency-limiter.service';
import { ExecutionQueueModule } from './execution-queue.module';
import { ExecutionEvents } from './execution-events';
import { ExecutionRunService } from './execution-run.service';
import { ExecutionWriter } from './execution-writer.service';
import { ExecutionsService } from './executions.service';
import { ScheduleSyncService } from './schedule-sync.service';

/** Execution records, the producer side of the queue and the run service; no routes. */
@Module({
  imports: [ExecutionQueueModule, WorkflowsModule],
  providers: [ExecutionEvents, ExecutionsService, ExecutionWriter, ExecutionRunService, CancellationService, ConcurrencyLimiter, ScheduleSyncService],
  exports: [ExecutionEvents, ExecutionsService, ExecutionWriter, ExecutionRunService, ConcurrencyLimiter, CancellationService, ExecutionQueueModule, WorkflowsModule],
})
export class ExecutionsModule {}
