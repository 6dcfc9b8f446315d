import { generateSecrets } from '@app/config';
import { AppProcess, freePort, httpStatus, waitFor } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';

const STACK_FRAME = /\n\s+at .+:\d+:\d+/;
const secrets = Object.fromEntries(generateSecrets().map((line) => line.split(/=(.*)/s).slice(0, 2)));

describe('configuration at boot (real processes)', () => {
  it('refuses an insecure production environment: exit 1, every problem listed, no stack trace', async () => {
    const api = AppProcess.spawn(
      'api',
      testRawEnv({ NODE_ENV: 'production', JWT_SECRET: 'short', CORS_ORIGINS: '*', SENTRY_DSN: 'http://k@sentry.local/1' }),
    );
    expect(await api.exited).toBe(1);
    for (const variable of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ENCRYPTION_KEY', 'CORS_ORIGINS', 'SENTRY_DSN'])
      expect(api.log).toContain(variable);
    expect(api.log).toContain('fix:');
    expect(api.log).not.toMatch(STACK_FRAME);
  });

  it('`cli config check` gives the same verdict without starting anything', async () => {
    const bad = AppProcess.spawn('cli', testRawEnv({ NODE_ENV: 'production', JWT_SECRET: 'short', CORS_ORIGINS: '*' }), [
      'config',
      'check',
    ]);
    expect(await bad.exited).toBe(1);
    expect(bad.log).toMatch(/JWT_SECRET[\s\S]*CORS_ORIGINS/);
    const good = AppProcess.spawn('cli', testRawEnv({}), ['config', 'check']);
    expect(await good.exited).toBe(0);
    expect(good.log).toContain('Configuration OK');
  });

  it('`cli config secrets` prints NAME=value lines that production accepts', async () => {
    const cli = AppProcess.spawn('cli', testRawEnv({}), ['config', 'secrets']);
    expect(await cli.exited).toBe(0);
    const lines = cli.log.trim().split('\n');
    expect(lines.map((l) => l.split('=')[0])).toEqual(expect.arrayContaining(['JWT_SECRET', 'ENCRYPTION_KEY']));
    const env = Object.fromEntries(lines.map((l) => l.split(/=(.*)/s).slice(0, 2)));
    const check = AppProcess.spawn(
      'cli',
      testRawEnv({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgresql://app:Qw3-rty9Zx@db:5432/wf',
        REDIS_URL: 'redis://redis:6379',
        CORS_ORIGINS: 'https://app.example.com',
        PUBLIC_BASE_URL: 'https://workflows.example.com',
        ...env,
      }),
      ['config', 'check'],
    );
    expect(await check.exited).toBe(0);
  });

  it('boots with a valid production configuration', async () => {
    const [db, port] = await Promise.all([createTestDatabase(), freePort()]);
    const api = AppProcess.spawn(
      'api',
      testRawEnv({
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: db.url.replace('postgres@', 'postgres:unused-Pw9x@'),
        REDIS_URL: 'redis://127.0.0.1:6379/0',
        JWT_SECRET: secrets.JWT_SECRET,
        ENCRYPTION_KEY: secrets.ENCRYPTION_KEY,
        CREDENTIALS_KEYS: secrets.CREDENTIALS_KEYS,
        CORS_ORIGINS: 'https://app.example.com',
        PUBLIC_BASE_URL: 'https://workflows.example.com',
        MIGRATE_ON_START: 'false',
        REDIS_KEY_PREFIX: `wp-cfg-${port}:`,
      }),
    );
    try {
      await waitFor('production api started', async () => (await httpStatus(`http://127.0.0.1:${port}/health/startup`)) === 200, 30_000);
    } finally {
      await api.stop();
      await db.drop();
    }
  }, 60_000);
});
