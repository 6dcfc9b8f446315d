import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CommonModule } from '@app/common';
import { DatabaseModule } from '@app/database';
import { ExecutionQueueModule, ExecutionsModule } from '@app/executions';
import { RedisModule } from '@app/redis';
import { AlertEvaluator } from './alerts/alert-evaluator.service';
import { AlertMetrics } from './alerts/alert-metrics.service';
import { AlertRulesService } from './alerts/alert-rules.service';
import { ChannelSecrets } from './channels/channel-secrets';
import { ChannelsService } from './channels/channels.service';
import { TargetGuard } from './delivery/target-guard';
import { DeliveryQueue } from './dispatch/delivery-queue.service';
import { EventNotifier } from './dispatch/event-notifier.service';
import { NotificationDispatcher } from './dispatch/notification-dispatcher.service';
import { NotificationTriggers } from './dispatch/notification-triggers.service';
import { RecipientResolver } from './dispatch/recipient-resolver.service';
import { InboxEvents } from './history/inbox-events';
import { NotificationsService } from './history/notifications.service';
import { NOTIFICATION_QUEUE } from './notifications.constants';
import { PushSubscriptionsService } from './push/push-subscriptions.service';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/**
 * Channels, subscriptions, history, alert rules, and the dispatch of events into stored, queued
 * notifications. No routes and no consumers, so every app can import it: events are dispatched in
 * whichever process they happen (sync webhooks in the API, queued runs in the worker).
 */
@Module({
  imports: [
    ExecutionQueueModule,
    ExecutionsModule,
    CommonModule,
    DatabaseModule,
    RedisModule,
    BullModule.registerQueue({ name: NOTIFICATION_QUEUE }),
  ],
  providers: [
    ChannelSecrets,
    TargetGuard,
    ChannelsService,
    SubscriptionsService,
    NotificationsService,
    InboxEvents,
    AlertRulesService,
    AlertMetrics,
    AlertEvaluator,
    RecipientResolver,
    DeliveryQueue,
    NotificationDispatcher,
    EventNotifier,
    NotificationTriggers,
    PushSubscriptionsService,
  ],
  exports: [
    PushSubscriptionsService,
    InboxEvents,
    ChannelSecrets,
    TargetGuard,
    ChannelsService,
    SubscriptionsService,
    NotificationsService,
    AlertRulesService,
    AlertEvaluator,
    NotificationDispatcher,
    DeliveryQueue,
    EventNotifier,
  ],
})
export class NotificationsModule {}
