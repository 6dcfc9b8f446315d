import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Client } from 'pg';
import { TEST_PASSWORD, uniqueEmail } from './auth';
import { AppProcess, httpStatus } from './processes';

/** The machine's Redis; each test file keeps to its own key prefix on it. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(label: string): string {
  return `wp-${label}-${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key under the prefix (SCAN, never KEYS: the Redis is shared). */
export async function deleteRedisKeys(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Waits for /health/startup to answer 200; fails at once if the process exits, with its own log. */
export async function waitStarted(app: AppProcess, base: string, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (app.alive && Date.now() < deadline) {
    if ((await httpStatus(`${base}/health/startup`).catch(() => 0)) === 200) return;
    await sleep(100);
  }
  throw new Error(
    `${what} ${app.alive ? `not started within ${timeoutMs} ms` : 'exited while starting'}; its log:\n${app.log.slice(-3_000)}`,
  );
}

/** Plain SQL on the file's database, for what the API does not show (duplicate rows, raw counts). */
export async function withSql<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A signed-in user of an API running as a child process (fetch, not supertest). */
export class ProcessApiClient {
  private constructor(
    readonly base: string,
    readonly authHeader: { Authorization: string },
    readonly userId: string,
  ) {}

  static async register(base: string): Promise<ProcessApiClient> {
    const res = await fetch(`${base}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail('engine'), password: TEST_PASSWORD, name: 'Engine Test' }),
    });
    const body = (await res.json()) as { accessToken: string; user: { id: string } };
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(body)}`);
    return new ProcessApiClient(base, { Authorization: `Bearer ${body.accessToken}` }, body.user.id);
  }

  /** The same user against another replica (same JWT secret, same database). */
  on(base: string): ProcessApiClient {
    return new ProcessApiClient(base, this.authHeader, this.userId);
  }

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...this.authHeader, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async expect<T = unknown>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    if (answer.status !== status)
      throw new Error(`${method} ${path}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}
