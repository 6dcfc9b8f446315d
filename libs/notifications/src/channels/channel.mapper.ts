import { NotificationChannel } from '@app/database';

/** The API view of a channel: settings without the secret, only whether one is set. */
export function toChannelResponse(channel: NotificationChannel) {
  return {
    id: channel.id,
    type: channel.type,
    name: channel.name,
    config: channel.config,
    enabled: channel.enabled,
    hasSecret: channel.encryptedSecret !== null,
    createdAt: channel.createdAt,
    updatedAt: channel.updatedAt,
  };
}
