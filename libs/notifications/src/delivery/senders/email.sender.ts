import { Injectable } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { AppConfig } from '@app/config';
import { errorMessage } from '@app/common';
import { ChannelSender, ChannelTarget, OutgoingNotification } from './outgoing-notification';

/** Email through the platform's SMTP server (SMTP_*); the channel holds only the recipient address. */
@Injectable()
export class EmailSender implements ChannelSender {
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  async send(target: ChannelTarget, n: OutgoingNotification): Promise<void> {
    if (!target.config.email) throw new Error('Email channel has no address');
    try {
      const transport = await this.transporter();
      await transport.sendMail({
        from: this.config.smtp.SMTP_FROM,
        to: target.config.email,
        subject: n.title,
        text: `${n.body}\n\n-- \nworkflow-platform notification ${n.id} (${n.event})`,
        headers: { 'X-Notification-Id': n.id, 'X-Notification-Event': n.event },
      });
    } catch (error) {
      throw new Error(`Email to ${target.config.email} failed: ${errorMessage(error)}`);
    }
  }

  private async transporter(): Promise<Transporter> {
    const smtp = this.config.smtp;
    if (!smtp.SMTP_HOST) throw new Error('SMTP is not configured (set SMTP_HOST)');
    // nodemailer (~12 MB resident) loads with the first email, as in the email node.
    const { createTransport } = await import('nodemailer');
    const timeout = this.config.notification.NOTIFICATION_SEND_TIMEOUT_MS;
    this.transport ??= createTransport({
      host: smtp.SMTP_HOST,
      port: smtp.SMTP_PORT,
      secure: smtp.SMTP_SECURE,
      auth: smtp.SMTP_USER ? { user: smtp.SMTP_USER, pass: smtp.SMTP_PASSWORD } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
    });
    return this.transport;
  }
}
