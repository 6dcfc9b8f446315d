import { Injectable } from '@nestjs/common';
import { GroupCommit } from '@app/common';
import { NotificationChannelType, NotificationEvent, PrismaService } from '@app/database';

/** One enabled channel that should receive an event. */
export interface Recipient {
  userId: string;
  channelId: string;
  channelType: NotificationChannelType;
}

interface Lookup {
  userId: string;
  event: NotificationEvent;
  workflowId: string | null;
}

interface SubscriptionRow {
  userId: string;
  event: NotificationEvent;
  workflowId: string | null;
  channelId: string;
  channel: { type: NotificationChannelType };
}

const SELECT = { userId: true, event: true, workflowId: true, channelId: true, channel: { select: { type: true } } } as const;
const LIVE = { channel: { enabled: true }, user: { disabledAt: null } } as const;

/**
 * Who is subscribed to an event. Every finished execution asks, so concurrent lookups are merged
 * into one query (group commit) instead of one round trip per execution.
 */
@Injectable()
export class RecipientResolver {
  private readonly batch = new GroupCommit<Lookup, Recipient[]>((items) => this.lookup(items), 2);

  constructor(private readonly prisma: PrismaService) {}

  /** The user's channels subscribed to the event for this workflow or for every workflow. */
  forUser(userId: string, event: NotificationEvent, workflowId: string | null): Promise<Recipient[]> {
    return this.batch.submit({ userId, event, workflowId });
  }

  /** System events (backups): the channels of admins subscribed to them. */
  async forAdmins(event: NotificationEvent): Promise<Recipient[]> {
    const rows = await this.prisma.notificationSubscription.findMany({ where: { event, channel: { enabled: true }, user: { role: 'ADMIN', disabledAt: null } }, select: SELECT });
    return distinctChannels(rows);
  }

  private async lookup(items: Lookup[]): Promise<Recipient[][]> {
    const pairs = new Map(items.map((i) => [`${i.userId}|${i.event}`, { userId: i.userId, event: i.event }]));
    const rows = await this.prisma.notificationSubscription.findMany({ where: { OR: [...pairs.values()], ...LIVE }, select: SELECT });
    return items.map((item) =>
      distinctChannels(rows.filter((r) => r.userId === item.userId && r.event === item.event && (r.workflowId === null || r.workflowId === item.workflowId))),
    );
  }
}

/** A channel subscribed both to one workflow and to all of them gets the event once. */
function distinctChannels(rows: SubscriptionRow[]): Recipient[] {
  const byChannel = new Map(rows.map((r) => [r.channelId, { userId: r.userId, channelId: r.channelId, channelType: r.channel.type }]));
  return [...byChannel.values()];
}
