import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { type ExecutionListParams, keys } from '../../../api/keys';

type Status = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT';
type Trigger = 'WEBHOOK' | 'MANUAL' | 'SCHEDULE' | 'RETRY' | 'WORKFLOW' | 'TEST';

/** The newest 50 runs matching the filters (ExecutionEventsEffect refetches it live). */
export function useExecutions(params: ExecutionListParams) {
  return useQuery({
    queryKey: keys.executions.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/executions', {
          params: {
            query: {
              status: (params.status || undefined) as Status | undefined,
              workflowId: params.workflowId || undefined,
              trigger: (params.trigger || undefined) as Trigger | undefined,
              from: params.from || undefined,
              to: params.to || undefined,
              limit: 50,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
