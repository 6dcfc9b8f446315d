import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

/** The API's structural diff of two versions (nodes added, removed, changed; edges added, removed). */
export function useVersionDiff(workflowId: string, a: string, b: string) {
  return useQuery({
    queryKey: keys.workflows.versionDiff(workflowId, a, b),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/workflows/{id}/versions/{a}/diff/{b}', { params: { path: { id: workflowId, a, b } }, signal })),
    enabled: Boolean(a && b && a !== b),
    staleTime: Infinity, // versions never change
  });
}
