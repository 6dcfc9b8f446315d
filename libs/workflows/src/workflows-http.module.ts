import { Module } from '@nestjs/common';
import { CommonModule } from '@app/common';
import { DatabaseModule } from '@app/database';
import { NodeTypesController } from './node-types.controller';
import { WebhookInfoService } from './webhook-info.service';
import { WorkflowListService } from './workflow-list.service';
import { WorkflowVersionHistoryService } from './workflow-version-history.service';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsModule } from './workflows.module';

/** The /workflows and /node-types routes (API app only). */
@Module({
  imports: [WorkflowsModule, CommonModule, DatabaseModule],
  controllers: [WorkflowsController, NodeTypesController],
  providers: [WebhookInfoService, WorkflowVersionHistoryService, WorkflowListService],
})
export class WorkflowsHttpModule {}
