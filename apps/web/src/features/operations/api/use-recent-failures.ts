import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { operationsKeys } from './operations-keys';

/** The latest failed executions the caller can see. */
export function useRecentFailures() {
  return useQuery({
    queryKey: operationsKeys.failures,
    queryFn: ({ signal }) => unwrap(api.GET('/executions', { params: { query: { status: 'FAILED', limit: 10 } }, signal })),
    refetchInterval: 30_000,
  });
}
