import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Agent } from 'undici';
import { errorMessage } from '@app/common';
import { AppConfig, webPushSettings } from '@app/config';
import { PushSubscription } from '@app/database';
import { isLocalTestEndpoint, pushEndpointRefusal } from '../../push/push-endpoint.util';
import { pushPayload } from '../../push/push-payload';
import { PushSubscriptionsService } from '../../push/push-subscriptions.service';
import { TargetGuard } from '../target-guard';
import { ChannelSender, OutgoingNotification } from './outgoing-notification';

/** How long a push service keeps a message for a device that is offline. */
const TTL_SECONDS = 24 * 3_600;

type DeviceOutcome = 'sent' | 'expired' | { failed: string };

/**
 * Web Push (RFC 8030/8291/8292): the message is encrypted for each of the user's devices (aes128gcm)
 * and signed with the VAPID key by the web-push library, then POSTed here with the SSRF guard and a
 * time limit (web-push's own sender speaks only https and has no such guard). A device whose push
 * service answers 404 or 410 unsubscribed: its subscription is removed, not retried. The delivery
 * counts as sent when any device accepted it; it is retried only when none did and some failed for
 * another reason (the tag makes a browser replace, not repeat, a notification it got twice).
 */
@Injectable()
export class PushSender implements ChannelSender, OnModuleDestroy {
  private readonly logger = new Logger(PushSender.name);
  private guarded?: Agent;
  private local?: Agent;

  constructor(
    private readonly config: AppConfig,
    private readonly guard: TargetGuard,
    private readonly devices: PushSubscriptionsService,
  ) {}

  async send(_target: unknown, n: OutgoingNotification): Promise<void> {
    const settings = webPushSettings(this.config);
    if (!settings.enabled) throw new Error(settings.reason);
    const devices = await this.devices.forUser(n.userId);
    if (!devices.length) throw new Error('No browser is subscribed to push notifications for this user');
    const body = JSON.stringify(pushPayload(n));
    const vapid = { subject: settings.subject, publicKey: settings.publicKey, privateKey: settings.privateKey };
    const outcomes = await Promise.all(devices.map((device) => this.sendTo(device, body, vapid)));
    if (outcomes.includes('sent')) return;
    const failures = outcomes.flatMap((o) => (typeof o === 'object' ? [o.failed] : []));
    if (!failures.length) throw new Error('Every push subscription of this user has expired and was removed');
    throw new Error(`No device accepted the push message: ${failures.join('; ')}`);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.guarded?.close(), this.local?.close()]);
  }

  private async sendTo(
    device: PushSubscription,
    body: string,
    vapidDetails: { subject: string; publicKey: string; privateKey: string },
  ): Promise<DeviceOutcome> {
    const url = new URL(device.endpoint);
    const refusal = pushEndpointRefusal(device.endpoint, this.config.isProduction, this.guard);
    if (refusal) return { failed: `${url.origin}: ${refusal}` };
    const timeout = this.config.notification.NOTIFICATION_SEND_TIMEOUT_MS;
    try {
      // web-push and undici (~30 MB resident together) load with the first push message.
      const [{ generateRequestDetails }, { Agent, request }] = await Promise.all([import('web-push'), import('undici')]);
      const local = isLocalTestEndpoint(url, this.config.isProduction);
      const dispatcher = local
        ? (this.local ??= new Agent({ keepAliveTimeout: 4_000 }))
        : (this.guarded ??= new Agent({ connect: { lookup: this.guard.lookup }, keepAliveTimeout: 4_000 }));
      const details = generateRequestDetails({ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } }, body, {
        vapidDetails,
        TTL: TTL_SECONDS,
        contentEncoding: 'aes128gcm',
      });
      const response = await request(url, {
        method: 'POST',
        headers: details.headers as Record<string, string>,
        body: details.body,
        dispatcher,
        signal: AbortSignal.timeout(timeout),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      await response.body.dump();
      if (response.statusCode === 404 || response.statusCode === 410) {
        await this.devices.expired(device.id);
        this.logger.log({ pushSubscriptionId: device.id, origin: url.origin }, 'Push subscription expired; removed');
        return 'expired';
      }
      if (response.statusCode < 200 || response.statusCode >= 300) return { failed: `${url.origin} answered HTTP ${response.statusCode}` };
      await this.devices.delivered(device.id);
      return 'sent';
    } catch (error) {
      // The endpoint's path identifies the device to its push service: only the origin is reported.
      return { failed: `${url.origin} could not be reached: ${errorMessage(error)}` };
    }
  }
}
