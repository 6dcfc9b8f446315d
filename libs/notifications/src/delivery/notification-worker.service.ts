import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { closeWorker, redisOptions } from '@app/redis';
import { DELIVER_JOB, DeliverJobData, NOTIFICATION_QUEUE } from '../notifications.constants';
import { DeliveryFailedError, DeliveryService } from './delivery.service';

/**
 * Consumes the notifications queue. Retries come from the job's attempts and exponential backoff,
 * set when it was queued; created by hand (not @Processor) so concurrency comes from the config.
 */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationWorker.name);
  private worker?: Worker<DeliverJobData>;

  constructor(
    private readonly config: AppConfig,
    private readonly delivery: DeliveryService,
  ) {}

  onApplicationBootstrap(): void {
    const { redis, notification } = this.config;
    this.worker = new Worker<DeliverJobData>(
      NOTIFICATION_QUEUE,
      async (job) => {
        if (job.name !== DELIVER_JOB) throw new Error(`Unknown job ${job.name}`);
        return this.delivery.deliver(job.data.notificationId);
      },
      {
        connection: redisOptions(redis, 'worker'),
        prefix: `${redis.REDIS_KEY_PREFIX}bull`,
        concurrency: notification.NOTIFICATION_WORKER_CONCURRENCY,
      },
    );
    this.worker.on('failed', (job, error) => {
      const level = error instanceof DeliveryFailedError ? 'log' : 'warn';
      this.logger[level](
        { notificationId: job?.data.notificationId, attemptsMade: job?.attemptsMade, err: error.message },
        'Notification delivery attempt failed',
      );
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error.message }, 'Notification worker error'));
  }

  /** Waits for deliveries in progress while PostgreSQL and Redis are still open (see ExecutionWorker). */
  async onModuleDestroy(): Promise<void> {
    await closeWorker(this.worker);
  }
}
