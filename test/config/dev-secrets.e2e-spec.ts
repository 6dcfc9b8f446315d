import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppProcess, freePort, httpStatus, waitFor } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';

/** Development without JWT_SECRET / ENCRYPTION_KEY: random secrets, kept in a local file across restarts. */
describe('development secrets (real processes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wp-dev-secrets-e2e-'));
  const file = join(dir, 'data', 'dev-secrets.json');
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let port: number;
  let api: AppProcess | undefined;

  beforeAll(async () => {
    [db, port] = await Promise.all([createTestDatabase(), freePort()]);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) =>
    testRawEnv({
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      MIGRATE_ON_START: 'false',
      DEV_SECRETS_FILE: file,
      REDIS_KEY_PREFIX: `wp-devsec-${port}:`,
      ...extra,
    });

  async function startApi(): Promise<AppProcess> {
    const started = AppProcess.spawn('api', env());
    await waitFor(
      `api started (${started.log})`,
      async () => (await httpStatus(`http://127.0.0.1:${port}/health/startup`)) === 200,
      30_000,
    );
    return started;
  }

  it('generates random secrets once (file mode 0600), and a token survives a restart', async () => {
    api = await startApi();
    const secrets = JSON.parse(readFileSync(file, 'utf8'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(secrets.JWT_SECRET).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(secrets.ENCRYPTION_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(api.log).not.toContain(secrets.JWT_SECRET);

    const url = `http://127.0.0.1:${port}`;
    const registered = await request(url)
      .post('/auth/register')
      .send({ email: uniqueEmail(), password: TEST_PASSWORD, name: 'Dev' })
      .expect(201);
    await api.stop();
    api = await startApi();
    await request(url).get('/auth/me').set('Authorization', `Bearer ${registered.body.accessToken}`).expect(200);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(secrets);

    // The CLI reads the same file (same ENCRYPTION_KEY as the API) instead of generating its own.
    const cli = AppProcess.spawn('cli', env(), ['config', 'check']);
    expect(await cli.exited).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(secrets);
  }, 90_000);
});
