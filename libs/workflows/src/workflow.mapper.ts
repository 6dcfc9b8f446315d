import { Workflow, WorkflowVersion } from '@app/database';

export function toWorkflowResponse(workflow: Workflow, version?: Pick<WorkflowVersion, 'definition'>) {
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    tags: workflow.tags,
    status: workflow.status,
    active: workflow.status === 'ACTIVE',
    version: workflow.currentVersion,
    ...(version ? { definition: version.definition } : {}),
    createdAt: workflow.createdAt,
    updatedAt: workflow.updatedAt,
  };
}

export type WorkflowResponse = ReturnType<typeof toWorkflowResponse>;
