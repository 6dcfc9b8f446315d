import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { components } from '../../../api/schema';
import { CHANNEL_TYPE_LABEL, EVENT_LABEL, formatDate, labelOf } from '../model/labels';

export type Notification = components['schemas']['NotificationResponseDto'];

export interface NotificationItemProps {
  notification: Notification;
  onMarkRead: (id: string) => void;
  marking: boolean;
}

export function NotificationItem({ notification: n, onMarkRead, marking }: NotificationItemProps) {
  const unread = !n.readAt;
  return (
    <Paper
      withBorder
      p="sm"
      component="li"
      aria-label={`${unread ? 'Unread: ' : ''}${n.title}`}
      style={unread ? { borderLeft: '4px solid var(--mantine-color-blue-filled)' } : undefined}
    >
      <Group justify="space-between" align="start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            {unread && (
              <Badge size="sm" color="blue">
                New
              </Badge>
            )}
            <Text fw={unread ? 700 : 500} style={{ overflowWrap: 'anywhere' }}>
              {n.title}
            </Text>
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {n.body}
          </Text>
          <Text size="xs">
            {labelOf(EVENT_LABEL, n.event)} ·{' '}
            {n.channel ? `${labelOf(CHANNEL_TYPE_LABEL, n.channel.type)} "${n.channel.name}"` : 'deleted channel'} ·{' '}
            {n.status === 'FAILED' ? `delivery failed${n.error ? `: ${n.error}` : ''}` : n.status.toLowerCase()} · {formatDate(n.createdAt)}
          </Text>
        </Stack>
        {unread && (
          <Button size="xs" variant="default" onClick={() => onMarkRead(n.id)} loading={marking} aria-label={`Mark "${n.title}" read`}>
            Mark read
          </Button>
        )}
      </Group>
    </Paper>
  );
}
