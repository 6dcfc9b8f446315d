import { Badge, VisuallyHidden } from '@mantine/core';
import { useUnreadCount } from '../api/use-unread-count';

/** The nav's live unread count: nothing when zero or unknown, "99+" past 99. */
export function UnreadBadge() {
  const { data: count } = useUnreadCount();
  if (!count) return null;
  return (
    <Badge size="sm" circle={count < 10} color="red" variant="filled" data-testid="unread-badge">
      {count > 99 ? '99+' : count}
      <VisuallyHidden> unread</VisuallyHidden>
    </Badge>
  );
}
