import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '@app/auth';
import { afterCursor, CURSOR_ORDER, toPage } from '@app/common';
import { NotificationEvent, NotificationSubscription, PrismaService } from '@app/database';
import { ChannelsService } from '../channels/channels.service';
import { ListSubscriptionsQuery } from './dto/list-subscriptions.query';
import { SubscribeDto } from './dto/subscribe.dto';
import { RecipientResolver } from '../dispatch/recipient-resolver.service';

/** Backups are system-wide: only admins hear about them, and no workflow narrows them. */
const SYSTEM_EVENTS: NotificationEvent[] = ['BACKUP_FAILED', 'BACKUP_SUCCEEDED'];

const toSubscriptionResponse = (s: NotificationSubscription) => ({
  id: s.id,
  channelId: s.channelId,
  event: s.event,
  workflowId: s.workflowId,
  createdAt: s.createdAt,
});

@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly channels: ChannelsService,
    private readonly recipients: RecipientResolver,
  ) {}

  /**
   * Idempotent: subscribing again returns the existing subscription. PostgreSQL treats NULL workflow
   * ids as distinct in the unique index, so "every workflow" duplicates are prevented here, under a
   * per-channel transaction lock that also covers concurrent requests.
   */
  async subscribe(user: AuthUser, dto: SubscribeDto) {
    if (dto.event === 'CHANNEL_TEST') throw new BadRequestException('CHANNEL_TEST is sent by "send test" only; it cannot be subscribed to');
    if (SYSTEM_EVENTS.includes(dto.event)) {
      if (user.role !== 'ADMIN') throw new ForbiddenException(`Only admins can subscribe to ${dto.event}`);
      if (dto.workflowId) throw new BadRequestException(`${dto.event} is not about a workflow; omit workflowId`);
    }
    const workflowId = dto.workflowId ?? null;
    const subscription = await this.prisma.$transaction(async (tx) => {
      await this.channels.owned(user.id, dto.channelId, tx);
      if (
        workflowId &&
        !(await tx.workflow.findFirst({ where: { id: workflowId, userId: user.id, deletedAt: null }, select: { id: true } }))
      )
        throw new NotFoundException(`Workflow ${workflowId} not found`);
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`notification-subscription:${dto.channelId}`}, 0))`;
      const existing = await tx.notificationSubscription.findFirst({ where: { channelId: dto.channelId, event: dto.event, workflowId } });
      return (
        existing ??
        tx.notificationSubscription.create({ data: { userId: user.id, channelId: dto.channelId, event: dto.event, workflowId } })
      );
    });
    this.recipients.forget(user.id);
    return toSubscriptionResponse(subscription);
  }

  async list(userId: string, query: ListSubscriptionsQuery) {
    const limit = query.limit ?? 20;
    const rows = await this.prisma.notificationSubscription.findMany({
      where: { userId, channelId: query.channelId, event: query.event, ...afterCursor(query.cursor) },
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    return toPage(rows, limit, toSubscriptionResponse);
  }

  async unsubscribe(userId: string, id: string): Promise<void> {
    const { count } = await this.prisma.notificationSubscription.deleteMany({ where: { id, userId } });
    if (!count) throw new NotFoundException(`Subscription ${id} not found`);
    this.recipients.forget(userId);
  }
}
