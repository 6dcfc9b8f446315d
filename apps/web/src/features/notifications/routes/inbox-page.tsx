import { Button, Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { EnablePushButton } from '../../../pwa/enable-push-button';
import { useSearchParamFilters } from '../../../shared/hooks/use-search-param-filters';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/use-notifications';
import { useUnreadCount } from '../api/use-unread-count';
import { NotificationItem, type Notification } from '../components/notification-item';
import { NotificationsNav } from '../components/notifications-nav';

/** Unread first (within what is loaded), then newest first. */
const unreadFirst = (a: Notification, b: Notification) => Number(!!a.readAt) - Number(!!b.readAt) || b.createdAt.localeCompare(a.createdAt);

export function InboxPage() {
  const filters = useSearchParamFilters();
  const unreadOnly = filters.get('show') === 'unread';
  const query = useNotifications({ unread: unreadOnly });
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const items = query.data?.pages.flatMap((page) => page.items).sort(unreadFirst) ?? [];
  return (
    <Stack>
      <Group justify="space-between" align="center">
        <Title order={1}>Notifications</Title>
        <EnablePushButton />
      </Group>
      <NotificationsNav />
      <Group justify="space-between" align="end">
        <SegmentedControl
          aria-label="Show"
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => filters.set('show', value === 'unread' ? 'unread' : '')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'unread', label: `Unread${unread.data ? ` (${unread.data})` : ''}` },
          ]}
        />
        <Button variant="default" onClick={() => markAllRead.mutate()} loading={markAllRead.isPending} disabled={unread.data === 0}>
          Mark all read
        </Button>
      </Group>
      {markAllRead.error && <ErrorState error={markAllRead.error} onRetry={() => markAllRead.reset()} />}
      {markRead.error && <ErrorState error={markRead.error} onRetry={() => markRead.reset()} />}
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={unreadOnly ? 'Nothing unread' : 'No notifications yet'}>
          Subscribe a channel to events (failed runs, alerts) and they show up here.
        </EmptyState>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Notifications">
          {items.map((n) => (
            <NotificationItem
              key={n.id}
              notification={n}
              onMarkRead={(id) => markRead.mutate(id)}
              marking={markRead.isPending && markRead.variables === n.id}
            />
          ))}
        </Stack>
      )}
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
