import { Module } from '@nestjs/common';
import { ExecutionJobHandler } from './execution-job.handler';
import { ExecutionLoader } from './execution-loader.service';
import { ExecutionWorker } from './execution-worker.service';
import { ExecutionsModule } from './executions.module';
import { RetentionService } from './retention.service';

/** The consumer side: in the worker app, and in the API when WORKER_INLINE=true. */
@Module({
  imports: [ExecutionsModule],
  providers: [ExecutionWorker, ExecutionJobHandler, ExecutionLoader, RetentionService],
  exports: [RetentionService],
})
export class ExecutionWorkerModule {}
