import { useQueryClient } from '@tanstack/react-query';
import { useEventStream } from '../../../app/live/use-event-stream';
import { notificationKeys } from '../api/notification-keys';

/**
 * One GET /notifications/events connection while signed in: the badge follows every inbox change at once
 * (the stream's first event is the current count, so nothing is refetched on connect).
 */
export function InboxEventsEffect() {
  const queryClient = useQueryClient();
  useEventStream('/notifications/events', {
    onEvent: (event) => {
      if (event.event !== 'unread') return;
      const { count } = JSON.parse(event.data) as { count: number };
      queryClient.setQueryData(notificationKeys.unreadCount, { count });
      void queryClient.invalidateQueries({ queryKey: notificationKeys.lists });
    },
  });
  return null;
}
