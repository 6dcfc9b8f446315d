import { useQueryClient } from '@tanstack/react-query';
import { useEventStream } from '../../../app/live/use-event-stream';
import { notificationKeys } from '../api/notification-keys';

/** One GET /notifications/events connection while signed in: the badge follows every inbox change at once. */
export function InboxEventsEffect() {
  const queryClient = useQueryClient();
  useEventStream('/notifications/events', {
    onOpen: () => undefined, // the stream's first event is the current count
    onEvent: (event) => {
      if (event.event !== 'unread') return;
      const { count } = JSON.parse(event.data) as { count: number };
      queryClient.setQueryData(notificationKeys.unreadCount, { count });
      void queryClient.invalidateQueries({ queryKey: notificationKeys.lists });
    },
  });
  return null;
}
