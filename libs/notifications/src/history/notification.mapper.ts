import { Notification, NotificationChannel } from '@app/database';

export type NotificationWithChannel = Notification & { channel: Pick<NotificationChannel, 'id' | 'type' | 'name'> | null };

export const WITH_CHANNEL = { channel: { select: { id: true, type: true, name: true } } } as const;

/** channel is null once the channel was deleted (the history is kept). */
export function toNotificationResponse(n: NotificationWithChannel) {
  return {
    id: n.id,
    event: n.event,
    title: n.title,
    body: n.body,
    payload: n.payload,
    channel: n.channel,
    status: n.status,
    attempts: n.attempts,
    error: n.error,
    sentAt: n.sentAt,
    readAt: n.readAt,
    createdAt: n.createdAt,
  };
}
