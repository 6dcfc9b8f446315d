import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

export interface WorkflowListFilters {
  search?: string;
  status?: string;
  tag?: string;
}

/** The first 50 workflows matching the filters, each with its last run and run history. */
export function useWorkflows(params: WorkflowListFilters) {
  return useQuery({
    queryKey: keys.workflows.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/workflows', {
          params: {
            query: {
              search: params.search || undefined,
              status: (params.status || undefined) as 'ACTIVE' | 'INACTIVE' | 'DRAFT' | undefined,
              tag: params.tag || undefined,
              limit: 50,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export type WorkflowListItem = NonNullable<ReturnType<typeof useWorkflows>['data']>['items'][number];
export type RecentRun = WorkflowListItem['recentRuns'][number];
