import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

/** POST /executions/:id/retry: a new execution (same version, from the start); lists and the detail refresh. */
export function useRetryExecution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/executions/{id}/retry', { params: { path: { id } }, body: { from: 'start', version: 'same' } })),
    onSuccess: (_started, id) => {
      void queryClient.invalidateQueries({ queryKey: keys.executions.all });
      void queryClient.invalidateQueries({ queryKey: keys.executions.detail(id) });
    },
  });
}

/** POST /executions/:id/cancel: answers the cancelled execution, written straight into its detail. */
export function useCancelExecution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/executions/{id}/cancel', { params: { path: { id } } })),
    onSuccess: (execution, id) => {
      queryClient.setQueryData(keys.executions.detail(id), execution);
      void queryClient.invalidateQueries({ queryKey: [...keys.executions.all, 'list'] });
    },
  });
}
