import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { AlertRulesController } from './alerts/alert-rules.controller';
import { ChannelTestService } from './channels/channel-test.service';
import { ChannelsController } from './channels/channels.controller';
import { NotificationDeliveryModule } from './delivery/notification-delivery.module';
import { NotificationsController } from './history/notifications.controller';
import { NotificationsModule } from './notifications.module';
import { PushController } from './push/push.controller';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';

/**
 * /notifications (inbox), /notifications/channels (+ "send test"), /notifications/subscriptions,
 * /notifications/push and /alerts/rules (API app only).
 */
@Module({
  imports: [NotificationsModule, NotificationDeliveryModule, DatabaseModule],
  controllers: [NotificationsController, ChannelsController, SubscriptionsController, PushController, AlertRulesController],
  providers: [ChannelTestService],
})
export class NotificationsHttpModule {}
