export { WorkflowsModule } from './workflows.module';
export { WorkflowsHttpModule } from './workflows-http.module';
export { WorkflowsService } from './workflows.service';
export { type TypedWorkflowVersion, WorkflowVersionsService } from './workflow-versions.service';
export { type ScheduleTrigger, type TriggersChanged, WorkflowEvents } from './workflow-events';
export {
  emptyTrigger,
  type TriggerData,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from './definition/workflow-definition';
export { buildRunPlan, type RunPlan } from './engine/run-plan';
export { RunPlanCache } from './engine/run-plan.cache';
export { type StepRecord, type StepStatus } from './engine/step-record';
export { type RunDefaults, type RunOptions, type RunOutcome, type RunStatus, WorkflowRunner } from './engine/workflow-runner';
export { type NodeContext, NodeFailure, type NodeResult, type NodeType, type WebhookResponse } from './node-types/node-type';
export { NodeTypeRegistry } from './node-types/node-type.registry';
export {
  flowRespondProblems,
  MAX_RESPONSE_HEADERS,
  responseHeaderProblem,
  responseStatusProblem,
  sanitizeWebhookResponse,
} from './node-types/webhook-response.rules';
