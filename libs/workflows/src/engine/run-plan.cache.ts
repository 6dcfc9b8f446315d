import { Injectable } from '@nestjs/common';
import { WorkflowDefinition } from '../definition/workflow-definition';
import { NodeTypeRegistry } from '../node-types/node-type.registry';
import { buildRunPlan, RunPlan } from './run-plan';

const LIMIT = 2_000;

/** Versions are immutable, so their run plans are cached by version id for the life of the process. */
@Injectable()
export class RunPlanCache {
  private readonly plans = new Map<string, RunPlan>();

  constructor(private readonly registry: NodeTypeRegistry) {}

  get(versionId: string, definition: WorkflowDefinition): RunPlan {
    let plan = this.plans.get(versionId);
    if (!plan) {
      plan = buildRunPlan(definition, (type) => this.registry.get(type));
      if (this.plans.size >= LIMIT) this.plans.delete(this.plans.keys().next().value as string);
      this.plans.set(versionId, plan);
    }
    return plan;
  }

  peek(versionId: string): RunPlan | undefined {
    return this.plans.get(versionId);
  }
}
