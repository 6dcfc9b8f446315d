import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';
import { IDEMPOTENCY_HEADER } from '../../../pwa/sw-protocol';

/** The new execution from the API, or the service worker's answer while offline (queued, sent later). */
export type RetryAnswer = { id?: string; queued?: boolean };

/**
 * POST /executions/:id/retry: a new execution (same version, from the start); lists and the detail refresh.
 * The Idempotency-Key is chosen here, so a retry queued offline and replayed later never runs twice.
 */
export function useRetryExecution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      (await unwrap(
        api.POST('/executions/{id}/retry', {
          params: { path: { id } },
          body: { from: 'start', version: 'same' },
          headers: { [IDEMPOTENCY_HEADER]: crypto.randomUUID() },
        }),
      )) as RetryAnswer,
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
