import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { RedisService } from '@app/redis';
import { DELIVER_JOB, DeliverJobData, NOTIFICATION_QUEUE } from '../notifications.constants';
import { errorMessage, withTimeout } from '@app/common';

export interface PendingDelivery {
  id: string;
  attempts: number;
}

export type EnqueueOutcome = { queued: true } | { queued: false; reason: string };

/**
 * Adds delivery jobs (job id = notification id, so queueing twice is a no-op while a job exists).
 * BullMQ's connection waits out Redis outages, so the add is bounded here: with Redis down the caller
 * learns at once and the row stays for the sweeper instead of hanging an execution or a request.
 */
@Injectable()
export class DeliveryQueue {
  private readonly logger = new Logger(DeliveryQueue.name);

  constructor(
    @InjectQueue(NOTIFICATION_QUEUE) private readonly queue: Queue<DeliverJobData>,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {
    // Without a listener BullMQ prints every reconnection error; RedisService already reports outages.
    queue.on('error', (error) => this.logger.debug({ err: error.message }, 'Notification queue connection error'));
  }

  async enqueue(deliveries: PendingDelivery[]): Promise<EnqueueOutcome> {
    if (!deliveries.length) return { queued: true };
    const { NOTIFICATION_MAX_ATTEMPTS, NOTIFICATION_BACKOFF_MS } = this.config.notification;
    try {
      if (!this.redis.isReady()) throw new Error('Redis is not connected');
      const jobs = deliveries.map((d) => ({
        name: DELIVER_JOB,
        data: { notificationId: d.id },
        opts: {
          jobId: d.id,
          attempts: Math.max(1, NOTIFICATION_MAX_ATTEMPTS - d.attempts),
          backoff: { type: 'exponential', delay: NOTIFICATION_BACKOFF_MS },
          removeOnComplete: true,
          // Removed when its attempts are spent, so the sweeper can queue it again if the row still has attempts left.
          removeOnFail: true,
        },
      }));
      await withTimeout(this.queue.addBulk(jobs), this.config.redis.REDIS_COMMAND_TIMEOUT_MS * 2, 'Redis');
      return { queued: true };
    } catch (error) {
      return { queued: false, reason: errorMessage(error) };
    }
  }
}
