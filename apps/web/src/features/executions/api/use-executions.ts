import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

export function useExecutions(params: { status?: string; workflowId?: string }) {
  return useQuery({
    queryKey: keys.executions.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/executions', {
          params: { query: { status: (params.status || undefined) as never, workflowId: params.workflowId || undefined, limit: 50 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
