import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { notificationKeys } from './notification-keys';

/** A count query is cheap: polled while the tab is visible, and again whenever the window regains focus. */
const POLL_MS = 15_000;

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
