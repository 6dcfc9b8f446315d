import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { AppConfig } from '@app/config';
import { ExecutionUpdatesSubscriber } from '@app/executions';
import { RedisService } from '@app/redis';
import { inboxChannel } from './inbox-events';
import { NotificationsService } from './notifications.service';

const HEARTBEAT_MS = 15_000;

export interface InboxStream {
  body: PassThrough;
  close(): void;
}

/**
 * The unread count as server-sent events (`unread`, `{ count }`): once when the stream opens, then after
 * every change of the user's inbox announced on Redis (InboxEvents), and after a Redis outage (changes
 * may have been missed). A burst of changes costs at most two counts: one running, one after it.
 */
@Injectable()
export class InboxStreamService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(InboxStreamService.name);
  private readonly open = new Set<InboxStream>();

  constructor(
    private readonly notifications: NotificationsService,
    private readonly updates: ExecutionUpdatesSubscriber,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {}

  async openStream(userId: string): Promise<InboxStream> {
    const body = new PassThrough();
    let closed = false;
    let counting: Promise<void> | null = null;
    let countAgain = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const count = async (): Promise<void> => {
      try {
        const { count } = await this.notifications.unreadCount(userId);
        if (!closed) body.write(`event: unread\ndata: ${JSON.stringify({ count })}\n\n`);
      } catch (error) {
        this.logger.warn({ userId, err: (error as Error).message }, 'inbox stream: count failed');
      }
    };
    const recount = () => {
      if (counting) return void (countAgain = true);
      counting = count().finally(() => {
        counting = null;
        if (countAgain && !closed) {
          countAgain = false;
          recount();
        }
      });
    };
    const unwatch = await this.updates.watchChannel(
      inboxChannel(this.redis.keyPrefix, userId),
      { onUpdate: recount, onResync: recount },
      this.config.redis.REDIS_COMMAND_TIMEOUT_MS,
    );
    const stream: InboxStream = {
      body,
      close: () => {
        if (closed) return;
        closed = true;
        unwatch();
        clearTimeout(heartbeat);
        this.open.delete(stream);
        body.end();
      },
    };
    this.open.add(stream);
    body.write('retry: 1000\n\n');
    recount(); // subscribed first, so no change between the count and the subscription is missed
    const beat = () => {
      if (closed) return;
      body.write(': keep-alive\n\n');
      heartbeat = setTimeout(beat, HEARTBEAT_MS);
    };
    heartbeat = setTimeout(beat, HEARTBEAT_MS);
    return stream;
  }

  beforeApplicationShutdown(): void {
    for (const stream of [...this.open]) stream.close();
  }
}
