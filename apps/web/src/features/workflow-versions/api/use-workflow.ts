import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

/** GET /workflows/:id (the page title needs its name). */
export function useWorkflow(workflowId: string) {
  return useQuery({
    queryKey: keys.workflows.detail(workflowId),
    queryFn: ({ signal }) => unwrap(api.GET('/workflows/{id}', { params: { path: { id: workflowId } }, signal })),
  });
}
