import { Injectable } from '@nestjs/common';
import { HttpPoster } from './http-poster';
import { ChannelSender, ChannelTarget, OutgoingNotification } from './outgoing-notification';

/** Slack incoming webhook: a JSON body with `text` (mrkdwn). */
@Injectable()
export class SlackSender implements ChannelSender {
  constructor(private readonly http: HttpPoster) {}

  async send(target: ChannelTarget, n: OutgoingNotification): Promise<void> {
    if (!target.secret.url) throw new Error('Slack channel has no webhook URL; set one with PATCH');
    await this.http.post('Slack', target.secret.url, JSON.stringify({ text: `*${slackEscape(n.title)}*\n${slackEscape(n.body)}` }));
  }
}

/** Slack reads <...> as links and mentions (<!channel>): names and errors from users must stay text. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
