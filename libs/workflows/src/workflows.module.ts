import { Module } from '@nestjs/common';
import { DagValidator } from './engine/dag-validator';
import { ExpressionEvaluator } from './engine/expression-evaluator';
import { RunPlanCache } from './engine/run-plan.cache';
import { WorkflowRunner } from './engine/workflow-runner';
import { NodeTypeRegistry } from './node-types/node-type.registry';
import { WorkflowEvents } from './workflow-events';
import { WorkflowTriggersService } from './workflow-triggers.service';
import { WorkflowsService } from './workflows.service';

/** Definitions, versions and the engine; no routes, so the worker app can use it too. */
@Module({
  providers: [WorkflowsService, WorkflowTriggersService, WorkflowEvents, DagValidator, NodeTypeRegistry, WorkflowRunner, RunPlanCache, { provide: ExpressionEvaluator, useValue: new ExpressionEvaluator() }],
  exports: [WorkflowsService, WorkflowEvents, WorkflowRunner, RunPlanCache, NodeTypeRegistry],
})
export class WorkflowsModule {}
