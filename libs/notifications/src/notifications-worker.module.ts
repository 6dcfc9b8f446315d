import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { RedisModule } from '@app/redis';
import { DeliveryService } from './delivery/delivery.service';
import { NotificationSweeper } from './delivery/notification-sweeper.service';
import { NotificationTimers } from './delivery/notification-timers.service';
import { NotificationWorker } from './delivery/notification-worker.service';
import { ChannelSenders } from './delivery/senders/channel-senders';
import { EmailSender } from './delivery/senders/email.sender';
import { HttpPoster } from './delivery/senders/http-poster';
import { SlackSender } from './delivery/senders/slack.sender';
import { WebhookSender } from './delivery/senders/webhook.sender';
import { NotificationsModule } from './notifications.module';

/**
 * The consumer side: delivery worker, sweeper and alert evaluation. Imported next to
 * ExecutionWorkerModule (the worker app, and the API when WORKER_INLINE=true).
 */
@Module({
  imports: [NotificationsModule, DatabaseModule, RedisModule],
  providers: [
    DeliveryService,
    NotificationWorker,
    NotificationSweeper,
    NotificationTimers,
    ChannelSenders,
    EmailSender,
    SlackSender,
    WebhookSender,
    HttpPoster,
  ],
  exports: [DeliveryService, NotificationSweeper],
})
export class NotificationsWorkerModule {}
