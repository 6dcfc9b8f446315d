import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppProcess, freePort, httpStatus, TestRedisServer, waitFor } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';

describe('graceful shutdown on SIGTERM (real process)', () => {
  it('finishes the request in flight, answers 503 to new readiness checks, and exits 0', async () => {
    const [redis, db, port] = await Promise.all([TestRedisServer.start(), createTestDatabase(), freePort()]);
    const base = `http://127.0.0.1:${port}`;
    const api = AppProcess.spawn(
      'api',
      testRawEnv({
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        MIGRATE_ON_START: 'false',
        SHUTDOWN_DRAIN_DELAY_MS: '1500',
        SHUTDOWN_GRACE_PERIOD_MS: '10000',
        LOG_LEVEL: 'info',
      }),
    );
    try {
      await waitFor('api started', async () => (await httpStatus(`${base}/health/startup`)) === 200, 30_000);

      // Pausing our own Redis makes the readiness check a slow request (~800 ms) still in flight at SIGTERM.
      spawnSync('redis-cli', ['-p', String(redis.port), 'CLIENT', 'PAUSE', '800', 'ALL']);
      const slow = fetch(`${base}/health/ready`).then((r) => r.status);
      await sleep(200);
      api.signal('SIGTERM');
      await sleep(100);

      expect(await httpStatus(`${base}/health/ready`)).toBe(503);
      expect(await httpStatus(`${base}/health/live`)).toBe(200);
      expect(await slow).toBe(200);
      expect(await api.exited).toBe(0);
      expect(api.log).toContain('Shutdown complete');
    } finally {
      await api.stop();
      await redis.stop();
      await db.drop();
    }
  }, 60_000);
});
