import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { DeliveryFailedError, DeliveryService } from '../delivery/delivery.service';
import { InboxEvents } from '../history/inbox-events';
import { ChannelsService } from './channels.service';

/**
 * "Send test": one notification through the channel, now, in this request, so the user sees at once
 * whether it works. It is stored like any other (the inbox shows it) but never retried: a failed test
 * is answered, not repeated later.
 */
@Injectable()
export class ChannelTestService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly channels: ChannelsService,
    private readonly delivery: DeliveryService,
    private readonly config: AppConfig,
    private readonly inbox: InboxEvents,
  ) {}

  async send(userId: string, channelId: string) {
    const channel = await this.channels.owned(userId, channelId);
    const id = randomUUID();
    await this.prisma.notification.create({
      data: {
        id,
        userId,
        channelId,
        event: 'CHANNEL_TEST',
        title: `Test notification from "${channel.name}"`.slice(0, 300),
        body: `This is a test of your ${channel.type} channel "${channel.name}". If you can read this, it works.`,
        payload: { channelId, test: true },
        dedupKey: `CHANNEL_TEST:${id}`,
      },
    });
    this.inbox.changed([userId]);
    try {
      await this.delivery.deliver(id);
    } catch (error) {
      if (!(error instanceof DeliveryFailedError)) throw error;
    }
    const n = await this.prisma.notification.findUniqueOrThrow({ where: { id } });
    // Spends the remaining attempts of a failed test, so that the sweeper does not send it again.
    if (n.status !== 'SENT')
      await this.prisma.notification.update({ where: { id }, data: { attempts: this.config.notification.NOTIFICATION_MAX_ATTEMPTS } });
    return { notificationId: id, channelId, status: n.status, error: n.error, sentAt: n.sentAt };
  }
}
