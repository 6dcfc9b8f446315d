import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { DeliveryQueue } from '../dispatch/delivery-queue.service';

const BATCH = 500;

interface Candidate {
  id: string;
  attempts: number;
  createdAt: Date;
}

/**
 * Queues again the notifications that have attempts left but may have no job: never queued (Redis was
 * down), or their retry was lost (Redis restarted empty, a job ran out of attempts before the row did).
 * Queueing is idempotent (job id = notification id), so a row whose retry is waiting costs a no-op.
 * Each sweep continues where the last stopped, so a backlog cannot starve the rows behind it.
 */
@Injectable()
export class NotificationSweeper {
  private readonly logger = new Logger(NotificationSweeper.name);
  private cursor?: { createdAt: Date; id: string };

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: DeliveryQueue,
    private readonly config: AppConfig,
  ) {}

  /** Returns how many notifications were handed to the queue. */
  async sweep(): Promise<number> {
    const rows = await this.candidates();
    if (!rows.length) {
      this.cursor = undefined;
      return 0;
    }
    const outcome = await this.queue.enqueue(rows);
    if (!outcome.queued) {
      this.logger.warn({ notifications: rows.length, err: outcome.reason }, 'Sweeper could not queue notifications; next sweep retries');
      return 0;
    }
    const last = rows[rows.length - 1];
    this.cursor = rows.length < BATCH ? undefined : { createdAt: last.createdAt, id: last.id };
    return rows.length;
  }

  private candidates(): Promise<Candidate[]> {
    const after = this.cursor;
    return this.prisma.$queryRaw<Candidate[]>`
      SELECT n."id", n."attempts", n."createdAt"
      FROM "notifications" n JOIN "notification_channels" c ON c."id" = n."channelId"
      WHERE n."status" IN ('PENDING', 'FAILED')
        AND n."attempts" < ${this.config.notification.NOTIFICATION_MAX_ATTEMPTS}
        AND c."enabled" AND c."type" <> 'IN_APP'
        AND n."createdAt" < now() - interval '1 second'
        AND (${after?.createdAt ?? null}::timestamptz IS NULL OR (n."createdAt", n."id") > (${after?.createdAt ?? null}::timestamptz, ${after?.id ?? null}::uuid))
      ORDER BY n."createdAt", n."id"
      LIMIT ${BATCH}`;
  }
}
