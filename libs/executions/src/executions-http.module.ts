import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { CallbacksController } from './callbacks.controller';
import { ExecutionsController } from './executions.controller';
import { ExecutionsModule } from './executions.module';
import { ExecutionRetryService } from './retry/execution-retry.service';
import { TestRunsService } from './test-runs/test-runs.service';

/** The /executions routes, POST /workflows/:id/run, POST /workflows/test-runs and POST /callbacks/:token (API app only). */
@Module({
  imports: [ExecutionsModule, DatabaseModule],
  controllers: [ExecutionsController, CallbacksController],
  providers: [ExecutionRetryService, TestRunsService],
})
export class ExecutionsHttpModule {}
