import { Injectable, NotFoundException } from '@nestjs/common';
import { afterCursor, CURSOR_ORDER, toPage } from '@app/common';
import { PrismaService } from '@app/database';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { InboxEvents } from './inbox-events';
import { toNotificationResponse, WITH_CHANNEL } from './notification.mapper';

/** The history a user sees: every notification with its delivery state, newest first. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly inbox: InboxEvents,
  ) {}

  async list(userId: string, query: ListNotificationsQuery) {
    const limit = query.limit ?? 20;
    const rows = await this.prisma.notification.findMany({
      where: {
        userId,
        ...(query.unread === undefined ? {} : { readAt: query.unread ? null : { not: null } }),
        event: query.event,
        status: query.status,
        ...(query.channelType ? { channel: { type: query.channelType } } : {}),
        ...afterCursor(query.cursor),
      },
      include: WITH_CHANNEL,
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    return toPage(rows, limit, toNotificationResponse);
  }

  /** Idempotent: a notification read before keeps its first readAt. */
  async markRead(userId: string, id: string) {
    const { count } = await this.prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: new Date() } });
    if (count) this.inbox.changed([userId]);
    const notification = await this.prisma.notification.findFirst({ where: { id, userId }, include: WITH_CHANNEL });
    if (!notification) throw new NotFoundException(`Notification ${id} not found`);
    return toNotificationResponse(notification);
  }

  async unreadCount(userId: string): Promise<{ count: number }> {
    return { count: await this.prisma.notification.count({ where: { userId, readAt: null } }) };
  }

  async markAllRead(userId: string): Promise<{ updated: number }> {
    const { count } = await this.prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
    if (count) this.inbox.changed([userId]);
    return { updated: count };
  }
}
