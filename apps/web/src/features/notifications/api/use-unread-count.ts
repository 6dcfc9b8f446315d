import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { notificationKeys } from './notification-keys';

/**
 * Kept live by InboxEventsEffect (GET /notifications/events); the poll and the refetch on focus are the
 * fallback for a stream that is down.
 */
const POLL_MS = 60_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: ({ signal }) => unwrap(api.GET('/notifications/unread-count', { signal })),
    select: (data) => data.count,
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: 'always',
    staleTime: 5_000,
  });
}
