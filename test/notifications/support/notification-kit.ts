import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import request from 'supertest';
import { SMTPServer } from 'smtp-server';
import { AppModule } from '../../../apps/api/src/app.module';
import { AppConfig } from '@app/config';
import { Notification, PrismaService } from '@app/database';
import { createHttpApp, startHttpApp } from '@app/http';
import { eventually } from '../../support/workflows';
import { testConfig } from '../../support/test-config';
import { TestApi } from '../../support/test-app';

export type AuthHeader = { Authorization: string };

/** Short retries and loopback targets, so delivery tests run in seconds against local listeners. */
export const FAST_DELIVERY = {
  NOTIFICATION_ALLOWED_HOSTS: '127.0.0.1',
  NOTIFICATION_BACKOFF_MS: '300',
  NOTIFICATION_MAX_ATTEMPTS: '4',
  NOTIFICATION_SEND_TIMEOUT_MS: '3000',
  NOTIFICATION_SWEEP_INTERVAL_MS: '400',
};

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
}

/** A real SMTP server (smtp-server from npm) on a free loopback port; plain text, no auth required. */
export class LocalSmtpServer {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly mails: ReceivedMail[],
  ) {}

  static async start(): Promise<LocalSmtpServer> {
    const mails: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    return new LocalSmtpServer(server, port, mails);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function parseMail(raw: string, envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] }): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let text = raw.slice(split + 4);
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? ''))
    text = Buffer.from(
      text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  return {
    from: envelope.mailFrom ? envelope.mailFrom.address : '',
    to: envelope.rcptTo.map((r) => r.address),
    headers,
    subject: decodeWords(headers.subject ?? ''),
    text,
  };
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / ?B?), as nodemailer writes subjects with quotes or non-ASCII. */
function decodeWords(value: string): string {
  return value.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, encoding: string, data: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** Checks `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` independently of the platform's code. */
export function signatureValid(secret: string, header: string | string[] | undefined, body: string): boolean {
  if (typeof header !== 'string') return false;
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=', 2)));
  if (!/^\d+$/.test(parts.t ?? '') || Math.abs(Date.now() / 1000 - Number(parts.t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function createChannel(
  server: Server,
  auth: AuthHeader,
  body: object,
): Promise<{ id: string; type: string; [k: string]: unknown }> {
  const res = await request(server).post('/notifications/channels').set(auth).send(body);
  if (res.status !== 201) throw new Error(`createChannel: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function subscribe(
  server: Server,
  auth: AuthHeader,
  channelId: string,
  event: string,
  workflowId?: string,
): Promise<{ id: string }> {
  const res = await request(server)
    .post('/notifications/subscriptions')
    .set(auth)
    .send({ channelId, event, ...(workflowId ? { workflowId } : {}) });
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Stored notifications, straight from the database (what the history API does not show: dedup keys). */
export function notificationsWhere(app: NestFastifyApplication, where: object): Promise<Notification[]> {
  return app.get(PrismaService).notification.findMany({ where, orderBy: { createdAt: 'asc' } });
}

export async function waitForNotifications(
  app: NestFastifyApplication,
  where: object,
  check: (rows: Notification[]) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<Notification[]> {
  let rows: Notification[] = [];
  await eventually(what, async () => check((rows = await notificationsWhere(app, where))), timeoutMs, 50).catch((error: Error) => {
    throw new Error(
      `${error.message}; last rows: ${JSON.stringify(rows.map((r) => ({ event: r.event, channelId: r.channelId, status: r.status, attempts: r.attempts, error: r.error })))}`,
    );
  });
  return rows;
}

/** A second API replica on the same database and Redis prefix as `api` (not migrated again). */
export async function startReplica(
  api: TestApi,
  overrides: Record<string, string> = {},
): Promise<{ app: NestFastifyApplication; config: AppConfig; close: () => Promise<void> }> {
  const env = api.config.flatten();
  const same = Object.fromEntries(
    ['DATABASE_URL', 'REDIS_URL', 'REDIS_KEY_PREFIX', 'SMTP_HOST', 'SMTP_PORT']
      .filter((k) => env[k] !== undefined)
      .map((k) => [k, String(env[k])]),
  );
  const config = testConfig({ ...same, PORT: '0', ...overrides });
  const app = await createHttpApp(AppModule.register(config), config);
  await startHttpApp(app, config, 0, { migrate: false, handleSignals: false });
  return { app, config, close: () => app.close() };
}
