import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '@app/redis';

export const inboxChannel = (keyPrefix: string, userId: string) => `${keyPrefix}inbox:user:${userId}`;

/**
 * Tells a user's open consoles, on whichever API replica, that their inbox changed (a notification
 * stored, one or all read): their stream counts again. Fire and forget: a missed message only delays
 * the badge until the console's fallback poll.
 */
@Injectable()
export class InboxEvents {
  private readonly logger = new Logger(InboxEvents.name);

  constructor(private readonly redis: RedisService) {}

  changed(userIds: Iterable<string>): void {
    for (const userId of new Set(userIds))
      this.redis.client.publish(inboxChannel(this.redis.keyPrefix, userId), '{}').catch((error: Error) => {
        this.logger.debug({ userId, err: error.message }, 'Could not announce an inbox change');
      });
  }
}
