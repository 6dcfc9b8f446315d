import { AppProcess, freePort, httpStatus, TestPostgresCluster, TestRedisServer, waitFor } from '../support/processes';
import { MigrationRunner } from '@app/database';
import { testRawEnv } from '../support/test-config';

interface Ready {
  status: number;
  body: { details?: Record<string, { status: string; message?: string }> };
}

/** Kills and restarts real dependency processes under a real API process. */
describe('readiness under real dependency failures', () => {
  let redis: TestRedisServer;
  let postgres: TestPostgresCluster;
  let api: AppProcess;
  let base: string;

  const ready = async (): Promise<Ready> => {
    const response = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(3_000) });
    return { status: response.status, body: (await response.json()) as Ready['body'] };
  };

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([TestRedisServer.start(), TestPostgresCluster.start()]);
    await new MigrationRunner({ databaseUrl: postgres.url() }).migrate();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = AppProcess.spawn(
      'api',
      testRawEnv({ PORT: String(port), DATABASE_URL: postgres.url(), REDIS_URL: redis.url, MIGRATE_ON_START: 'false', LOG_LEVEL: 'warn' }),
    );
    await waitFor('api started', async () => (await httpStatus(`${base}/health/startup`)) === 200, 30_000);
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    await redis?.stop();
    await postgres?.destroy();
  });

  it('is ready with both dependencies up', async () => {
    expect((await ready()).status).toBe(200);
  });

  it('reports Redis down within 5 s, stays live, and recovers within 5 s of a restart', async () => {
    await redis.stop();
    const downAfter = await waitFor(
      'ready 503 naming redis',
      async () => {
        const r = await ready();
        return r.status === 503 && r.body.details?.redis?.status === 'down';
      },
      5_000,
    );
    expect(downAfter).toBeLessThan(5_000);
    expect(await httpStatus(`${base}/health/live`)).toBe(200);
    expect((await ready()).body.details?.database?.status).toBe('up');
    expect(api.alive).toBe(true);

    await redis.start();
    await waitFor('ready 200 after Redis restart', async () => (await ready()).status === 200, 5_000);
    expect(api.alive).toBe(true);
  }, 30_000);

  it('reports PostgreSQL down within 5 s, stays live, and recovers within 5 s of a restart', async () => {
    await postgres.stop();
    await waitFor(
      'ready 503 naming database',
      async () => {
        const r = await ready();
        return r.status === 503 && r.body.details?.database?.status === 'down';
      },
      5_000,
    );
    expect(await httpStatus(`${base}/health/live`)).toBe(200);
    expect((await ready()).body.details?.redis?.status).toBe('up');
    expect(api.alive).toBe(true);

    await postgres.start();
    await waitFor('ready 200 after PostgreSQL restart', async () => (await ready()).status === 200, 5_000);
    expect(api.alive).toBe(true);
    expect(api.log).not.toMatch(/Unhandled|unhandledRejection|FATAL/i);
  }, 30_000);
});
