import { NotificationEvent } from '@app/database';
import { ChannelSecret } from '../../channels/channel-secrets';

/** The notification as channels send it. */
export interface OutgoingNotification {
  id: string;
  userId: string;
  event: NotificationEvent;
  title: string;
  body: string;
  payload: unknown;
  createdAt: Date;
}

/** A channel's settings with its secret opened, as a sender needs them. */
export interface ChannelTarget {
  config: Record<string, string | undefined>;
  secret: ChannelSecret;
}

export interface ChannelSender {
  send(target: ChannelTarget, notification: OutgoingNotification): Promise<void>;
}
