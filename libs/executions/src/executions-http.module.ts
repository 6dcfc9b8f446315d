import { Module } from '@nestjs/common';
import { CallbacksController } from './callbacks.controller';
import { ExecutionsController } from './executions.controller';
import { ExecutionsModule } from './executions.module';
import { ExecutionRetryService } from './retry/execution-retry.service';

/** The /executions routes, POST /workflows/:id/run and POST /callbacks/:token (API app only). */
@Module({ imports: [ExecutionsModule], controllers: [ExecutionsController, CallbacksController], providers: [ExecutionRetryService] })
export class ExecutionsHttpModule {}
