import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

export function useExecution(id: string) {
  return useQuery({
    queryKey: keys.executions.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/executions/{id}', { params: { path: { id } }, signal })),
  });
}
