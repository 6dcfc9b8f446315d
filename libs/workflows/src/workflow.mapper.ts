import { Workflow } from '@app/database';

/** `version` is a stored version (JSON) or a typed one: either way its definition goes out as JSON. */
export function toWorkflowResponse(workflow: Workflow, version?: { definition: unknown }) {
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
