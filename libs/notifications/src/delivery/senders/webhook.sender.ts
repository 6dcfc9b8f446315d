import { Injectable } from '@nestjs/common';
import { signWebhook } from '@app/webhooks';
import { HttpPoster } from './http-poster';
import { ChannelSender, ChannelTarget, OutgoingNotification } from './outgoing-notification';

export const NOTIFICATION_SIGNATURE_HEADER = 'X-Signature';

/**
 * A generic webhook: the notification as JSON, signed like the platform's own inbound webhooks —
 * `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` — so receivers can check
 * origin and freshness. X-Notification-Id lets them drop redeliveries.
 */
@Injectable()
export class WebhookSender implements ChannelSender {
  constructor(private readonly http: HttpPoster) {}

  async send(target: ChannelTarget, n: OutgoingNotification): Promise<void> {
    if (!target.config.url) throw new Error('Webhook channel has no URL');
    if (!target.secret.signingSecret) throw new Error('Webhook channel has no signing secret; set one with PATCH');
    const body = JSON.stringify({ id: n.id, event: n.event, title: n.title, body: n.body, payload: n.payload, createdAt: n.createdAt });
    await this.http.post('Webhook', target.config.url, body, {
      [NOTIFICATION_SIGNATURE_HEADER]: signWebhook(target.secret.signingSecret, body),
      'X-Notification-Id': n.id,
      'X-Notification-Event': n.event,
    });
  }
}
