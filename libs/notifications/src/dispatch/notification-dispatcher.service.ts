import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Prisma, PrismaService } from '@app/database';
import { errorMessage } from '@app/common';
import { InboxEvents } from '../history/inbox-events';
import { DeliveryQueue } from './delivery-queue.service';
import { NotificationMessage } from './notification-content';
import { Recipient } from './recipient-resolver.service';

const SHUTDOWN_WAIT_MS = 5_000;

/**
 * Turns an event into stored notifications, one per subscribed channel, and queues their delivery.
 * The row is written first, so nothing is lost when Redis is down: it stays PENDING with the reason
 * and the sweeper queues it later. In-app notifications are delivered by being stored.
 */
@Injectable()
export class NotificationDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: DeliveryQueue,
    private readonly inbox: InboxEvents,
  ) {}

  /** Runs work detached from its caller (the engine, a request): it never throws there, failures are logged. */
  background(what: string, context: Record<string, unknown>, work: () => Promise<unknown>): void {
    const run = (async () => {
      try {
        await work();
      } catch (error) {
        this.logger.error({ ...context, err: errorMessage(error) }, `Could not notify about ${what}`);
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Stores and queues; returns how many notifications were new (a redelivered event adds none). */
  async dispatch(message: NotificationMessage, recipients: Recipient[]): Promise<number> {
    if (!recipients.length) return 0;
    const now = new Date();
    const rows: Prisma.NotificationCreateManyInput[] = recipients.map((r) => ({
      id: randomUUID(),
      userId: r.userId,
      channelId: r.channelId,
      event: message.event,
      title: message.title,
      body: message.body,
      payload: message.payload as Prisma.InputJsonValue,
      dedupKey: `${message.event}:${message.occurrence}:${r.channelId}`,
      ...(r.channelType === 'IN_APP' ? { status: 'SENT' as const, attempts: 1, sentAt: now } : {}),
    }));
    const created = await this.prisma.notification.createManyAndReturn({
      data: rows,
      skipDuplicates: true,
      select: { id: true, attempts: true, status: true, userId: true },
    });
    this.inbox.changed(created.map((n) => n.userId));
    const deliveries = created.filter((n) => n.status === 'PENDING');
    const outcome = await this.queue.enqueue(deliveries);
    if (!outcome.queued) {
      const ids = deliveries.map((d) => d.id);
      this.logger.warn(
        { event: message.event, notifications: ids.length, err: outcome.reason },
        'Could not queue notifications; the sweeper will',
      );
      await this.prisma.notification.updateMany({
        where: { id: { in: ids }, status: 'PENDING' },
        data: { error: `Not queued yet (${outcome.reason}); it is queued again automatically` },
      });
    }
    return created.length;
  }

  /** Lets dispatches that started before shutdown store their rows while the database is still open. */
  async onModuleDestroy(): Promise<void> {
    if (!this.inFlight.size) return;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
  }
}
