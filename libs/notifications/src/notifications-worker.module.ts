import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { RedisModule } from '@app/redis';
import { NotificationDeliveryModule } from './delivery/notification-delivery.module';
import { NotificationSweeper } from './delivery/notification-sweeper.service';
import { NotificationTimers } from './delivery/notification-timers.service';
import { NotificationWorker } from './delivery/notification-worker.service';
import { NotificationsModule } from './notifications.module';

/**
 * The consumer side: delivery worker, sweeper and alert evaluation. Imported next to
 * ExecutionWorkerModule (the worker app, and the API when WORKER_INLINE=true).
 */
@Module({
  imports: [NotificationsModule, NotificationDeliveryModule, DatabaseModule, RedisModule],
  providers: [NotificationWorker, NotificationSweeper, NotificationTimers],
  exports: [NotificationDeliveryModule, NotificationSweeper],
})
export class NotificationsWorkerModule {}
