import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { notificationKeys } from './notification-keys';

const PAGE_SIZE = 50;

/** The inbox, newest first, 50 at a time ("Load more" follows nextCursor). */
export function useNotifications(params: { unread: boolean }) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(params),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) =>
      unwrap(
        api.GET('/notifications', {
          params: { query: { limit: PAGE_SIZE, cursor: pageParam, ...(params.unread ? { unread: true } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

function useInvalidateInbox() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: notificationKeys.lists }),
      queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount }),
    ]);
}

export function useMarkRead() {
  const invalidate = useInvalidateInbox();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: invalidate,
  });
}

export function useMarkAllRead() {
  const invalidate = useInvalidateInbox();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/notifications/read-all')),
    onSettled: invalidate,
  });
}
