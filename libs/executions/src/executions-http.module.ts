import { Module } from '@nestjs/common';
import { ExecutionsController } from './executions.controller';
import { ExecutionsModule } from './executions.module';

/** The /executions routes and POST /workflows/:id/run (API app only). */
@Module({ imports: [ExecutionsModule], controllers: [ExecutionsController] })
export class ExecutionsHttpModule {}
