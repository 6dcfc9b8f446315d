import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

export function useSetActive(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (active: boolean) =>
      unwrap(
        active
          ? api.POST('/workflows/{id}/activate', { params: { path: { id: id! } } })
          : api.POST('/workflows/{id}/deactivate', { params: { path: { id: id! } } }),
      ),
    onSuccess: (workflow) => {
      queryClient.setQueryData(keys.workflows.detail(workflow.id), workflow);
      void queryClient.invalidateQueries({ queryKey: keys.workflows.webhook(workflow.id) });
      void queryClient.invalidateQueries({ queryKey: [...keys.workflows.all, 'list'] });
    },
  });
}
