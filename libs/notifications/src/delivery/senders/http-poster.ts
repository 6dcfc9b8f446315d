import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Agent } from 'undici';
import { AppConfig } from '@app/config';
import { errorMessage } from '@app/common';
import { TargetGuard } from '../target-guard';

const SNIPPET_BYTES = 300;

/**
 * POSTs JSON for the Slack and webhook senders: SSRF-guarded, time-limited, no redirects, and error
 * messages that name only the target's origin (a Slack URL's path is its secret).
 */
@Injectable()
export class HttpPoster implements OnModuleDestroy {
  private agent?: Agent;

  constructor(
    private readonly config: AppConfig,
    private readonly guard: TargetGuard,
  ) {}

  async post(what: string, rawUrl: string, body: string, headers: Record<string, string> = {}): Promise<void> {
    const url = new URL(rawUrl);
    const refusal = this.guard.urlRefusal(rawUrl);
    if (refusal) throw new Error(`${what}: ${refusal}`);
    const timeout = this.config.notification.NOTIFICATION_SEND_TIMEOUT_MS;
    let status: number;
    let snippet: string;
    try {
      // undici (~20 MB resident) loads with the first notification POST, as in the HTTP request node.
      const { Agent, request } = await import('undici');
      this.agent ??= new Agent({ connect: { lookup: this.guard.lookup }, keepAliveTimeout: 4_000 });
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'workflow-platform-notifications', ...headers },
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(timeout),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      status = response.statusCode;
      snippet = await readSnippet(response.body);
    } catch (error) {
      throw new Error(`${what} ${url.origin} could not be reached: ${errorMessage(error)}`);
    }
    if (status < 200 || status >= 300) throw new Error(`${what} ${url.origin} answered HTTP ${status}${snippet ? `: ${snippet}` : ''}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent?.close();
  }
}

async function readSnippet(body: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += chunk.toString('utf8');
    if (text.length >= SNIPPET_BYTES) break; // leaving the loop destroys the rest of the body
  }
  return text.slice(0, SNIPPET_BYTES).trim();
}
