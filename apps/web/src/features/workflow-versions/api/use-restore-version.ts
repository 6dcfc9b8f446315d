import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

/** Saves a copy of an old version as the newest one; the workflow, its versions and the lists refresh. */
export function useRestoreVersion(workflowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string) =>
      unwrap(api.POST('/workflows/{id}/versions/{versionId}/restore', { params: { path: { id: workflowId, versionId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.workflows.all }),
  });
}
