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

interface CachedRows {
  rows: Promise<SubscriptionRow[]>;
  /** The rows once the lookup answered. */
  settled?: SubscriptionRow[];
  expiresAt: number;
}

/** A subscription change reaches event delivery within this time (per process). */
const CACHE_TTL_MS = 2_000;

/**
 * Who is subscribed to an event. Every finished execution asks (a thousand times a second under
 * load), so answers are cached per user and event for a moment, and concurrent misses are merged into
 * one query (group commit) instead of one round trip each.
 */
@Injectable()
export class RecipientResolver {
  private readonly batch = new GroupCommit<Lookup, SubscriptionRow[]>((items) => this.lookup(items), 2);
  private readonly cache = new Map<string, CachedRows>();

  constructor(private readonly prisma: PrismaService) {}

  /** The user's channels subscribed to the event for this workflow or for every workflow. */
  async forUser(userId: string, event: NotificationEvent, workflowId: string | null): Promise<Recipient[]> {
    const key = `${userId}|${event}`;
    let cached = this.cache.get(key);
    if (!cached || cached.expiresAt < Date.now()) {
      if (this.cache.size > 10_000) this.cache.clear();
      const entry: CachedRows = { rows: this.batch.submit({ userId, event, workflowId }), expiresAt: Date.now() + CACHE_TTL_MS };
      this.cache.set(key, entry);
      entry.rows.then(
        (rows) => (entry.settled = rows),
        () => this.cache.delete(key),
      );
      cached = entry;
    }
    return distinctChannels((await cached.rows).filter((r) => r.workflowId === null || r.workflowId === workflowId));
  }

  /**
   * True when the cache already knows the user has no subscription to the event: the caller can skip
   * the lookup (what forUser would answer, without its promises; most executions notify nobody).
   */
  knownNone(userId: string, event: NotificationEvent): boolean {
    const cached = this.cache.get(`${userId}|${event}`);
    return cached !== undefined && cached.expiresAt >= Date.now() && cached.settled?.length === 0;
  }

  /** After a user's subscriptions or channels change: this process sees it at once, others within CACHE_TTL_MS. */
  forget(userId: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${userId}|`)) this.cache.delete(key);
  }

  /** System events (backups): the channels of admins subscribed to them. */
  async forAdmins(event: NotificationEvent): Promise<Recipient[]> {
    const rows = await this.prisma.notificationSubscription.findMany({
      where: { event, channel: { enabled: true }, user: { role: 'ADMIN', disabledAt: null } },
      select: SELECT,
    });
    return distinctChannels(rows);
  }

  /** Every subscription of each (user, event) asked for; the workflow filter applies per call. */
  private async lookup(items: Lookup[]): Promise<SubscriptionRow[][]> {
    const pairs = new Map(items.map((i) => [`${i.userId}|${i.event}`, { userId: i.userId, event: i.event }]));
    const rows = await this.prisma.notificationSubscription.findMany({ where: { OR: [...pairs.values()], ...LIVE }, select: SELECT });
    return items.map((item) => rows.filter((r) => r.userId === item.userId && r.event === item.event));
  }
}

/** A channel subscribed both to one workflow and to all of them gets the event once. */
function distinctChannels(rows: SubscriptionRow[]): Recipient[] {
  const byChannel = new Map(rows.map((r) => [r.channelId, { userId: r.userId, channelId: r.channelId, channelType: r.channel.type }]));
  return [...byChannel.values()];
}
