import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

/** The workflow's saved versions, newest first (the 100 newest). */
export function useWorkflowVersions(workflowId: string) {
  return useQuery({
    queryKey: keys.workflows.versions(workflowId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/workflows/{id}/versions', { params: { path: { id: workflowId }, query: { limit: 100 } }, signal })),
  });
}

export type WorkflowVersion = NonNullable<ReturnType<typeof useWorkflowVersions>['data']>['items'][number];
