import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { RunHistoryPort } from '@app/workflows';
import { CallbacksController } from './callbacks.controller';
import { ExecutionsController } from './executions.controller';
import { ExecutionsModule } from './executions.module';
import { ExecutionRetryService } from './retry/execution-retry.service';
import { TestRunsService } from './test-runs/test-runs.service';
import { WorkflowRunHistoryReader } from './workflow-run-history.reader';

/**
 * The /executions routes, POST /workflows/:id/run, POST /workflows/test-runs and POST /callbacks/:token (API app
 * only); plugs the run history into GET /workflows (RunHistoryPort).
 */
@Module({
  imports: [ExecutionsModule, DatabaseModule],
  controllers: [ExecutionsController, CallbacksController],
  providers: [ExecutionRetryService, TestRunsService, WorkflowRunHistoryReader],
})
export class ExecutionsHttpModule {
  constructor(port: RunHistoryPort, reader: WorkflowRunHistoryReader) {
    port.reader = reader;
  }
}
