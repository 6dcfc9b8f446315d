import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

export function useWorkflows(params: { search?: string; status?: string }) {
  return useQuery({
    queryKey: keys.workflows.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/workflows', {
          params: { query: { search: params.search || undefined, status: (params.status || undefined) as never, limit: 50 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
