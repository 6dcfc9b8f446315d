import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { deleteRedisKeys, ProcessApiClient, uniquePrefix, withSql } from '../support/process-api';
import { AppProcess, freePort, httpStatus, waitFor } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { eventually } from '../support/workflows';

/** The parts of a Sentry event this test reads. */
interface SentryEvent {
  level?: string;
  environment?: string;
  tags?: Record<string, string>;
  contexts?: Record<string, unknown>;
  user?: { id?: string };
  request?: { headers?: Record<string, string>; data?: unknown };
  exception?: { values?: { type?: string }[] };
}

/** A stand-in for sentry.io: records every envelope the SDK posts (gzip or not). */
class EnvelopeSink {
  readonly envelopes: string[] = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<EnvelopeSink> {
    const server = createServer();
    const sink = new EnvelopeSink(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        sink.envelopes.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The error events among the envelopes (an envelope is a header line, then item header/payload pairs). */
  events(): { raw: string; event: SentryEvent }[] {
    const found: { raw: string; event: SentryEvent }[] = [];
    for (const raw of this.envelopes) {
      const lines = raw.split('\n');
      for (let i = 1; i + 1 < lines.length; i += 2)
        if (JSON.parse(lines[i]).type === 'event') found.push({ raw, event: JSON.parse(lines[i + 1]) });
    }
    return found;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('Sentry (API child process, DSN pointing at a local listener)', () => {
  let sink: EnvelopeSink;
  let api: AppProcess;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let base: string;
  const prefix = uniquePrefix('sentry');

  beforeAll(async () => {
    sink = await EnvelopeSink.start();
    db = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = AppProcess.spawn(
      'api',
      testRawEnv({
        DATABASE_URL: db.url,
        REDIS_KEY_PREFIX: prefix,
        PORT: String(port),
        MIGRATE_ON_START: 'false',
        THROTTLE_ENABLED: 'false',
        SENTRY_DSN: `http://publickey@127.0.0.1:${sink.port}/1`,
        SENTRY_ENVIRONMENT: 'e2e',
      }),
    );
    await waitFor('API started', async () => (await httpStatus(`${base}/health/startup`)) === 200, 30_000).catch((error) => {
      throw new Error(`${(error as Error).message}\n${api.log}`);
    });
  });
  afterAll(async () => {
    await api?.stop();
    await sink?.close();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  async function withTableAway<T>(table: string, work: () => Promise<T>): Promise<T> {
    await withSql(db.url, (sql) => sql.query(`ALTER TABLE ${table} RENAME TO ${table}_away`));
    try {
      return await work();
    } finally {
      await withSql(db.url, (sql) => sql.query(`ALTER TABLE ${table}_away RENAME TO ${table}`));
    }
  }

  it('reports 5xx with route, request id and user id, never credentials or bodies; 4xx are not reported', async () => {
    const client = await ProcessApiClient.register(base);
    const token = client.authHeader.Authorization.slice('Bearer '.length);

    // 4xx: the caller's mistakes, not reported.
    expect((await fetch(`${base}/workflows`)).status).toBe(401);
    expect((await client.call('GET', '/executions/11111111-1111-4111-8111-111111111111')).status).toBe(404);

    // A real fault behind an authenticated route: the workflows table is gone for a moment.
    const cookie = `session=${randomBytes(8).toString('hex')}`;
    const apiKey = `wp_${randomBytes(16).toString('hex')}`;
    const failed = await withTableAway('workflows', () =>
      fetch(`${base}/workflows`, { headers: { ...client.authHeader, cookie, 'x-api-key': apiKey, 'x-request-id': 'sentry-e2e-1' } }),
    );
    expect(failed.status).toBe(500);
    const { errorId } = (await failed.json()) as { errorId: string };

    // A public route whose body carries a password: the users table is gone for a moment.
    const password = `${TEST_PASSWORD} ${randomBytes(4).toString('hex')}`;
    const login = await withTableAway('users', () =>
      fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'sentry-e2e-2' },
        body: JSON.stringify({ email: uniqueEmail(), password }),
      }),
    );
    expect(login.status).toBe(500);

    await eventually('two error events', () => sink.events().length >= 2, 15_000, 100);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // anything else (a 4xx) would have arrived by now
    const events = sink.events();
    expect(events).toHaveLength(2);

    const byRequest = (id: string) => events.find((e) => e.event.tags?.request_id === id)!;
    const list = byRequest('sentry-e2e-1');
    expect(list.event).toMatchObject({
      level: 'error',
      environment: 'e2e',
      tags: { request_id: 'sentry-e2e-1', error_id: errorId },
      contexts: { http: { method: 'GET', route: '/workflows' } },
      user: { id: client.userId },
      exception: { values: [expect.objectContaining({ type: 'PrismaClientKnownRequestError' })] },
    });
    const headers = Object.keys(list.event.request?.headers ?? {}).map((h) => h.toLowerCase());
    expect(headers).not.toEqual(expect.arrayContaining(['authorization']));
    for (const secret of [token, cookie, apiKey]) expect(list.raw).not.toContain(secret);

    const loginEvent = byRequest('sentry-e2e-2');
    expect(loginEvent.event.contexts).toMatchObject({ http: { method: 'POST', route: '/auth/login' } });
    expect(loginEvent.event.request?.data).toBeUndefined();
    expect(loginEvent.raw).not.toContain(password);
    expect(loginEvent.raw).not.toContain(TEST_PASSWORD);
  });

  it('the worker starts with the same DSN (instrument.ts runs first there too) and serves /metrics', async () => {
    const port = await freePort();
    const worker = AppProcess.spawn(
      'worker',
      testRawEnv({
        DATABASE_URL: db.url,
        REDIS_KEY_PREFIX: prefix,
        WORKER_PORT: String(port),
        SENTRY_DSN: `http://publickey@127.0.0.1:${sink.port}/1`,
      }),
    );
    try {
      await waitFor('worker started', async () => (await httpStatus(`http://127.0.0.1:${port}/health/startup`)) === 200, 30_000).catch(
        (error) => {
          throw new Error(`${(error as Error).message}\n${worker.log}`);
        },
      );
      expect(await httpStatus(`http://127.0.0.1:${port}/metrics`)).toBe(200);
    } finally {
      await worker.stop();
    }
  });
});
