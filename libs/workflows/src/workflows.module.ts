import { Module } from '@nestjs/common';
import { CommonModule } from '@app/common';
import { DatabaseModule } from '@app/database';
import { CredentialReferencesService } from './credentials/credential-references.service';
import { DagValidator } from './engine/dag-validator';
import { EnginePortsModule } from './engine/engine-ports.module';
import { expressionEvaluatorProvider } from './engine/expression-evaluator.provider';
import { RunPlanCache } from './engine/run-plan.cache';
import { WorkflowRunner } from './engine/workflow-runner';
import { NodeTypeRegistry } from './node-types/node-type.registry';
import { RunHistoryPort } from './run-history/run-history-port';
import { ScheduleIntervalPolicy } from './schedule-interval.policy';
import { TestDraftsService } from './test-drafts.service';
import { WorkflowEvents } from './workflow-events';
import { WorkflowTriggersService } from './workflow-triggers.service';
import { WorkflowVersionsService } from './workflow-versions.service';
import { WorkflowsService } from './workflows.service';

/** Definitions, versions and the engine; no routes, so the worker app can use it too. */
@Module({
  imports: [CommonModule, DatabaseModule, EnginePortsModule],
  providers: [
    WorkflowsService,
    WorkflowVersionsService,
    WorkflowTriggersService,
    ScheduleIntervalPolicy,
    WorkflowEvents,
    DagValidator,
    NodeTypeRegistry,
    WorkflowRunner,
    RunPlanCache,
    expressionEvaluatorProvider,
    CredentialReferencesService,
    TestDraftsService,
    RunHistoryPort,
  ],
  exports: [
    RunHistoryPort,
    CredentialReferencesService,
    TestDraftsService,
    WorkflowsService,
    WorkflowVersionsService,
    WorkflowEvents,
    WorkflowRunner,
    RunPlanCache,
    NodeTypeRegistry,
  ],
})
export class WorkflowsModule {}
