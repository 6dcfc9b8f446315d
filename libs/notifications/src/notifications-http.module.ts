import { Module } from '@nestjs/common';
import { AlertRulesController } from './alerts/alert-rules.controller';
import { ChannelsController } from './channels/channels.controller';
import { NotificationsController } from './history/notifications.controller';
import { NotificationsModule } from './notifications.module';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';

/** /notifications, /notifications/channels, /notifications/subscriptions and /alerts/rules (API app only). */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController, ChannelsController, SubscriptionsController, AlertRulesController],
})
export class NotificationsHttpModule {}
