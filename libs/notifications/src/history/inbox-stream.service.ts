import { Injectable, Logger } from '@nestjs/common';
import { EventStream } from '@app/common';
import { AppConfig } from '@app/config';
import { ExecutionUpdatesSubscriber } from '@app/executions';
import { LiveStreams } from '@app/metrics';
import { RedisService } from '@app/redis';
import { inboxChannel } from './inbox-events';
import { NotificationsService } from './notifications.service';

/**
 * The unread count as server-sent events (`unread`, `{ count }`): once when the stream opens, then after
 * every change of the user's inbox announced on Redis (InboxEvents), and after a Redis outage (changes
 * may have been missed). A burst of changes costs at most two counts: one running, one after it.
 */
@Injectable()
export class InboxStreamService {
  private readonly logger = new Logger(InboxStreamService.name);

  constructor(
    private readonly notifications: NotificationsService,
    private readonly updates: ExecutionUpdatesSubscriber,
    private readonly streams: LiveStreams,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {}

  async openStream(userId: string): Promise<EventStream> {
    const stream = this.streams.open();
    let counting = false;
    let countAgain = false;
    const recount = async (): Promise<void> => {
      if (stream.isClosed) return;
      if (counting) return void (countAgain = true); // the count in flight may predate this change
      counting = true;
      try {
        stream.send('unread', await this.notifications.unreadCount(userId));
      } catch (error) {
        this.logger.warn({ userId, err: (error as Error).message }, 'inbox stream: count failed');
      } finally {
        counting = false;
      }
      if (countAgain) {
        countAgain = false;
        await recount();
      }
    };
    // Subscribed before the first count, so no change in between is missed.
    stream.onClose(
      await this.updates.watchChannel(
        inboxChannel(this.redis.keyPrefix, userId),
        { onUpdate: () => void recount(), onResync: () => void recount() },
        this.config.redis.REDIS_COMMAND_TIMEOUT_MS,
      ),
    );
    void recount();
    return stream;
  }
}
