import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { ChannelSecrets } from '../channels/channel-secrets';
import { errorMessage } from '@app/common';
import { ChannelSenders } from './senders/channel-senders';

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed-final' | 'channel-unavailable';

/** Thrown to let the queue retry the delivery with backoff; the row already holds the reason. */
export class DeliveryFailedError extends Error {}

/**
 * Sends one stored notification through its channel and records the outcome on the row. Attempts are
 * claimed in the database before sending, so NOTIFICATION_MAX_ATTEMPTS holds across retries, sweeps
 * and replicas.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  constructor(
    private readonly prisma: PrismaService,
    private readonly secrets: ChannelSecrets,
    private readonly config: AppConfig,
    private readonly senders: ChannelSenders,
  ) {}

  async deliver(id: string): Promise<DeliveryOutcome> {
    const n = await this.prisma.notification.findUnique({ where: { id }, include: { channel: true } });
    if (!n || n.status === 'SENT') return 'skipped';
    // Not an attempt: nothing was sent. A disabled channel's notifications resume when it is enabled again.
    if (!n.channel || !n.channel.enabled) {
      await this.record(id, { status: 'FAILED', error: n.channel ? 'The channel is disabled' : 'The channel was deleted' });
      return 'channel-unavailable';
    }
    if (n.channel.type === 'IN_APP') {
      await this.record(id, { status: 'SENT', sentAt: new Date(), error: null });
      return 'sent';
    }
    const attempt = await this.claimAttempt(id);
    if (attempt === null) return 'skipped';
    try {
      const target = { config: n.channel.config as Record<string, string>, secret: this.secrets.open(n.channel.encryptedSecret) };
      await this.senders.for(n.channel.type).send(target, n);
    } catch (error) {
      const reason = errorMessage(error).slice(0, 2_000);
      await this.record(id, { status: 'FAILED', error: reason });
      const max = this.config.notification.NOTIFICATION_MAX_ATTEMPTS;
      if (attempt < max) throw new DeliveryFailedError(reason);
      this.logger.warn({ notificationId: id, attempts: attempt, err: reason }, 'Notification delivery failed for good');
      return 'failed-final';
    }
    await this.record(id, { status: 'SENT', sentAt: new Date(), error: null });
    return 'sent';
  }

  /** The attempt number now being made, or null when the notification is sent or out of attempts. */
  private async claimAttempt(id: string): Promise<number | null> {
    const rows = await this.prisma.$queryRaw<{ attempts: number }[]>`
      UPDATE "notifications" SET "attempts" = "attempts" + 1
      WHERE "id" = ${id}::uuid AND "status" <> 'SENT' AND "attempts" < ${this.config.notification.NOTIFICATION_MAX_ATTEMPTS}
      RETURNING "attempts"`;
    return rows.length ? rows[0].attempts : null;
  }

  private async record(id: string, data: { status: 'SENT' | 'FAILED'; error: string | null; sentAt?: Date }): Promise<void> {
    await this.prisma.notification.update({ where: { id }, data });
  }
}
