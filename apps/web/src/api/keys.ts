/** Hierarchical query keys: [resource, scope, params]; mutations invalidate by prefix. */
export const keys = {
  workflows: {
    all: ['workflows'] as const,
    list: (params: { search?: string; status?: string }) => ['workflows', 'list', params] as const,
  },
  executions: {
    all: ['executions'] as const,
    list: (params: { status?: string; workflowId?: string }) => ['executions', 'list', params] as const,
    detail: (id: string) => ['executions', 'detail', id] as const,
  },
  apiKeys: { all: ['api-keys'] as const },
  sessions: { all: ['sessions'] as const },
};
