import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { ExecutionsModule } from '@app/executions';
import { MetricsModule } from '@app/metrics';
import { RedisModule } from '@app/redis';
import { AlertRulesController } from './alerts/alert-rules.controller';
import { ChannelTestService } from './channels/channel-test.service';
import { ChannelsController } from './channels/channels.controller';
import { NotificationDeliveryModule } from './delivery/notification-delivery.module';
import { InboxStreamService } from './history/inbox-stream.service';
import { NotificationsController } from './history/notifications.controller';
import { NotificationsModule } from './notifications.module';
import { PushController } from './push/push.controller';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';

/**
 * /notifications (inbox; its unread count live at /notifications/events), /notifications/channels
 * (+ "send test"), /notifications/subscriptions, /notifications/push and /alerts/rules (API app only).
 */
@Module({
  imports: [NotificationsModule, NotificationDeliveryModule, DatabaseModule, ExecutionsModule, MetricsModule, RedisModule],
  controllers: [NotificationsController, ChannelsController, SubscriptionsController, PushController, AlertRulesController],
  providers: [ChannelTestService, InboxStreamService],
})
export class NotificationsHttpModule {}
