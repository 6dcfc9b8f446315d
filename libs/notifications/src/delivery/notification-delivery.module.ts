import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { NotificationsModule } from '../notifications.module';
import { DeliveryService } from './delivery.service';
import { ChannelSenders } from './senders/channel-senders';
import { EmailSender } from './senders/email.sender';
import { HttpPoster } from './senders/http-poster';
import { PushSender } from './senders/push.sender';
import { SlackSender } from './senders/slack.sender';
import { WebhookSender } from './senders/webhook.sender';

/** Sending one stored notification through its channel: used by the queue worker and by "send test". */
@Module({
  imports: [NotificationsModule, DatabaseModule],
  providers: [DeliveryService, ChannelSenders, EmailSender, SlackSender, WebhookSender, PushSender, HttpPoster],
  exports: [DeliveryService],
})
export class NotificationDeliveryModule {}
