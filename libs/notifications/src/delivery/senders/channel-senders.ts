import { Injectable } from '@nestjs/common';
import { NotificationChannelType } from '@app/database';
import { EmailSender } from './email.sender';
import { ChannelSender } from './outgoing-notification';
import { PushSender } from './push.sender';
import { SlackSender } from './slack.sender';
import { WebhookSender } from './webhook.sender';

export type ExternalChannelType = Exclude<NotificationChannelType, 'IN_APP'>;

/** The sender of each external channel type. */
@Injectable()
export class ChannelSenders {
  private readonly byType: Record<ExternalChannelType, ChannelSender>;

  constructor(email: EmailSender, slack: SlackSender, webhook: WebhookSender, push: PushSender) {
    this.byType = { EMAIL: email, SLACK: slack, WEBHOOK: webhook, PUSH: push };
  }

  for(type: ExternalChannelType): ChannelSender {
    return this.byType[type];
  }
}
