import Redis from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppProcess, freePort, httpStatus, TestRedisServer, waitFor } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { withSql } from '../support/process-api';

interface Answer {
  status: number; // 0 = no answer (network error or our 5 s abort)
  ms: number;
  at: number;
}

const FALLBACK_LINE = 'rate limits fall back to per-process memory';
const RETURN_LINE = 'rate limits are shared across replicas again';
const PREFIX = 'wp-rl-outage:';

/** The compiled API as a real process on a redis-server of the test's own, which the test kills under load. */
describe('Redis outage under load (API child process)', () => {
  let redis: TestRedisServer;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: AppProcess;
  let base: string;

  beforeAll(async () => {
    [redis, db] = await Promise.all([TestRedisServer.start(), createTestDatabase()]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = AppProcess.spawn(
      'api',
      testRawEnv({
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: PREFIX,
        MIGRATE_ON_START: 'false',
        WORKER_INLINE: 'false',
        LOG_LEVEL: 'info',
        THROTTLE_ENABLED: 'true',
        THROTTLE_API_LIMIT: '50', // FREE 50/min; ADMIN ×1000
        THROTTLE_BURST_LIMIT: '1000',
        THROTTLE_AUTH_LIMIT: '100',
      }),
    );
    await waitFor('api started', async () => (await httpStatus(`${base}/health/startup`)) === 200, 30_000);
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    await redis?.stop();
    await db?.drop();
  });

  async function register(): Promise<{ id: string; auth: { Authorization: string } }> {
    const res = await fetch(`${base}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail('outage'), password: TEST_PASSWORD, name: 'Outage' }),
    });
    const body = (await res.json()) as { user: { id: string }; accessToken: string };
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(body)}`);
    return { id: body.user.id, auth: { Authorization: `Bearer ${body.accessToken}` } };
  }

  async function me(auth: { Authorization: string }): Promise<Answer & { limit: string | null }> {
    const started = performance.now();
    try {
      const res = await fetch(`${base}/auth/me`, { headers: auth, signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - started, at: started, limit: res.headers.get('ratelimit-limit') };
    } catch {
      return { status: 0, ms: performance.now() - started, at: started, limit: null };
    }
  }

  /** `connections` loops issuing requests back to back until `until` resolves. */
  async function drive(auth: { Authorization: string }, connections: number, until: Promise<unknown>): Promise<Answer[]> {
    const answers: Answer[] = [];
    let done = false;
    void until.finally(() => (done = true)).catch(() => undefined);
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (!done) answers.push(await me(auth));
      }),
    );
    return answers;
  }

  /** One series' value from GET /metrics (the metrics module serves prom-client's default registry). */
  async function metric(series: string): Promise<number> {
    const text = await (await fetch(`${base}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(series + ' '));
    return line ? Number(line.split(' ').pop()) : NaN;
  }

  it('answers every request within 1 s and never 5xx while Redis dies and comes back; limits hold in memory, then in Redis again', async () => {
    const heavy = await register();
    const probe = await register();
    const after = await register();
    // The load comes from an ADMIN user (50,000/min) so it is never refused itself.
    await withSql(db.url, (sql) => sql.query(`UPDATE users SET tier = 'ADMIN' WHERE id = $1`, [heavy.id]));
    await waitFor('ADMIN tier seen', async () => (await me(heavy.auth)).limit === '50000', 10_000, 500);

    let killedAt = 0;
    const timeline = (async () => {
      await sleep(1_500);
      killedAt = performance.now();
      await redis.stop(); // SIGKILL
      await sleep(500);
      // A FREE user during the outage: 50 admitted, then 429, counted in process memory.
      const probeAnswers: number[] = [];
      for (let i = 0; i < 53; i++) {
        const answer = await me(probe.auth);
        probeAnswers.push(answer.ms < 1_000 ? answer.status : -answer.ms); // a slow answer ends the probe (and fails below)
        if (answer.ms >= 1_000) break;
      }
      await sleep(2_500);
      await redis.start();
      await sleep(2_500);
      return probeAnswers;
    })();
    const answers = await drive(heavy.auth, 6, timeline);
    const probeAnswers = await timeline;

    const slowest = Math.max(...answers.map((a) => a.ms));
    const statuses = [...new Set(answers.map((a) => a.status))];
    const slowestAt = answers.find((a) => a.ms === slowest)!.at - killedAt;
    const nearKill = Math.max(...answers.filter((a) => Math.abs(a.at - killedAt) < 300).map((a) => a.ms));
    const p99 = answers.map((a) => a.ms).sort((x, y) => x - y)[Math.floor(answers.length * 0.99)];
    console.log(
      `outage run: ${answers.length} requests, p99 ${p99.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms (sent ${slowestAt.toFixed(0)} ms after the kill), slowest within 300 ms of the kill ${nearKill.toFixed(0)} ms, statuses ${statuses.join(',')}`,
    );
    expect(answers.length).toBeGreaterThan(500);
    expect(statuses).toEqual([200]);
    expect(slowest).toBeLessThan(1_000);
    expect(probeAnswers.filter((s) => s === 200)).toHaveLength(50);
    expect(probeAnswers.slice(50)).toEqual([429, 429, 429]);

    // Back on Redis: a fresh user's hits land in the restarted (empty) Redis, one key per user and IP.
    await waitFor('rate limits back on Redis', async () => (await me(heavy.auth)) && api.log.includes(RETURN_LINE), 10_000);
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      for (let i = 0; i < 7; i++) expect((await me(after.auth)).status).toBe(200);
      expect(await client.get(`${PREFIX}rl:api:{${after.id}:127.0.0.1}`)).toBe('7');
    } finally {
      client.disconnect();
    }

    // Logged once each way; every hit counted in memory shows in rate_limit_fallbacks_total.
    expect(api.log.split(FALLBACK_LINE).length - 1).toBe(1);
    expect(api.log.split(RETURN_LINE).length - 1).toBe(1);
    expect(await metric('rate_limit_fallbacks_total')).toBeGreaterThan(50);
    expect(await metric('rate_limit_rejections_total{limiter="api"}')).toBe(3);
  }, 60_000);
});
