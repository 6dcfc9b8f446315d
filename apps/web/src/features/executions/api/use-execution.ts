import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';
import { RUNNING_STATUSES } from '../../../shared/lib/status-color';

/**
 * One execution with its steps. Live: the event stream refetches it on every change; while it runs a slow
 * poll backs that up (paused while the tab is hidden), so step progress shows even between status changes.
 */
export function useExecution(id: string) {
  return useQuery({
    queryKey: keys.executions.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/executions/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (query) => (query.state.data && RUNNING_STATUSES.includes(query.state.data.status) ? 2000 : false),
  });
}
