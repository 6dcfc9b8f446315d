export { WorkflowsModule } from './workflows.module';
export { WorkflowsHttpModule } from './workflows-http.module';
export { WorkflowsService } from './workflows.service';
export { TestDraftsService } from './test-drafts.service';
export { type RecentRun, type RunHistoryReader, RunHistoryPort } from './run-history/run-history-port';
export { type DefinitionProblem } from './engine/definition-problem';
export { WorkflowDefinitionDto } from './dto/workflow-definition.dto';
export { type TypedWorkflowVersion, WorkflowVersionsService } from './workflow-versions.service';
export { type ScheduleTrigger, type TriggersChanged, WorkflowEvents } from './workflow-events';
export {
  emptyTrigger,
  type TriggerData,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from './definition/workflow-definition';
export {
  type CredentialReference,
  type CredentialsResolverPort,
  HTTP_CREDENTIAL_TYPES,
  type HttpAuth,
  type ResolvedCredential,
  type RunCredentials,
  type RunOwner,
} from './credentials/credentials-port';
export { CredentialReferencesService } from './credentials/credential-references.service';
export { type FilesReaderPort, type RunFile, type RunFiles } from './files/files-port';
export { literalSecretWarnings } from './credentials/literal-secret-warnings';
export { buildRunPlan, type RunPlan } from './engine/run-plan';
export { EnginePorts } from './engine/engine-ports';
export { EnginePortsModule } from './engine/engine-ports.module';
export { RunPlanCache } from './engine/run-plan.cache';
export { type StepRecord, type StepStatus } from './engine/step-record';
export { type RunDefaults, type RunOptions, type RunOutcome, type RunStatus, WorkflowRunner } from './engine/workflow-runner';
export { type NodeContext, NodeFailure, type NodeResult, type NodeType, type WebhookResponse } from './node-types/node-type';
export { NodeTypeRegistry } from './node-types/node-type.registry';
export {
  type CallbackDecision,
  type CallbackState,
  type ChildRunRequest,
  type ChildRunResult,
  type ExecutionPort,
  MAX_CALL_DEPTH,
  type RunLink,
} from './node-types/execution-port';
export {
  flowRespondProblems,
  MAX_RESPONSE_HEADERS,
  responseHeaderProblem,
  responseStatusProblem,
  sanitizeWebhookResponse,
} from './node-types/webhook-response.rules';
