import { generateVapidKeys } from '@app/config';
import { AppProcess } from '../support/processes';
import { testRawEnv } from '../support/test-config';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://app:Qw3-rty9Zx@db:5432/wf',
  REDIS_URL: 'redis://redis:6379',
  CORS_ORIGINS: 'https://app.example.com',
  PUBLIC_BASE_URL: 'https://workflows.example.com',
};

describe('Web Push configuration at boot (real processes)', () => {
  it('`cli config secrets` prints a VAPID key pair that `config check` accepts in production', async () => {
    const cli = AppProcess.spawn('cli', testRawEnv({}), ['config', 'secrets']);
    expect(await cli.exited).toBe(0);
    const env = Object.fromEntries(
      cli.log
        .trim()
        .split('\n')
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );
    expect(env.VAPID_PUBLIC_KEY).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(env.VAPID_PRIVATE_KEY).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const check = AppProcess.spawn('cli', testRawEnv({ ...production, ...env, WEB_PUSH_ENABLED: 'true' }), ['config', 'check']);
    expect(await check.exited).toBe(0);
  });

  it('the API refuses production with WEB_PUSH_ENABLED=true and no VAPID keys', async () => {
    const api = AppProcess.spawn('api', testRawEnv({ ...production, WEB_PUSH_ENABLED: 'true' }));
    expect(await api.exited).toBe(1);
    expect(api.log).toMatch(/VAPID_PUBLIC_KEY[^\n]*WEB_PUSH_ENABLED=true/);
  });

  it('refuses a mismatched pair without printing the private key', async () => {
    const [mine, other] = [generateVapidKeys(), generateVapidKeys()];
    const check = AppProcess.spawn(
      'cli',
      testRawEnv({ VAPID_PUBLIC_KEY: mine.publicKey, VAPID_PRIVATE_KEY: other.privateKey, VAPID_SUBJECT: 'ops@example.com' }),
      ['config', 'check'],
    );
    expect(await check.exited).toBe(1);
    expect(check.log).toMatch(/VAPID_PUBLIC_KEY[\s\S]*does not belong to VAPID_PRIVATE_KEY/);
    expect(check.log).toMatch(/VAPID_SUBJECT[\s\S]*mailto:/);
    expect(check.log).not.toContain(other.privateKey);
  });
});
