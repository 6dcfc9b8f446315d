export interface ExecutionListParams {
  status?: string;
  workflowId?: string;
  trigger?: string;
  from?: string;
  to?: string;
}

/** Hierarchical query keys: [resource, scope, params]; mutations invalidate by prefix. */
export const keys = {
  workflows: {
    all: ['workflows'] as const,
    list: (params: { search?: string; status?: string; tag?: string }) => ['workflows', 'list', params] as const,
    tags: ['workflows', 'tags'] as const,
    detail: (id: string) => ['workflows', 'detail', id] as const,
    webhook: (id: string) => ['workflows', 'detail', id, 'webhook'] as const,
    versions: (id: string) => ['workflows', 'detail', id, 'versions'] as const,
    versionDiff: (id: string, a: string, b: string) => ['workflows', 'detail', id, 'versions', 'diff', a, b] as const,
  },
  nodeTypes: { all: ['node-types'] as const },
  executions: {
    all: ['executions'] as const,
    list: (params: ExecutionListParams) => ['executions', 'list', params] as const,
    detail: (id: string) => ['executions', 'detail', id] as const,
  },
  apiKeys: { all: ['api-keys'] as const },
  sessions: { all: ['sessions'] as const },
};
