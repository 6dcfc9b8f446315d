import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDevSecrets } from './dev-secrets';
import { validateEnvironment } from './validate-environment';

describe('development secrets file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wp-dev-secrets-'));
  let n = 0;
  const freshFile = () => join(dir, `sub-${++n}`, 'dev-secrets.json');

  it('generates random JWT_SECRET, ENCRYPTION_KEY and a VAPID pair once (mode 0600) and reuses them', () => {
    const file = freshFile();
    const first = withDevSecrets({ NODE_ENV: 'development', DEV_SECRETS_FILE: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      JWT_SECRET: first.JWT_SECRET,
      ENCRYPTION_KEY: first.ENCRYPTION_KEY,
      VAPID_PUBLIC_KEY: first.VAPID_PUBLIC_KEY,
      VAPID_PRIVATE_KEY: first.VAPID_PRIVATE_KEY,
    });
    expect(first.VAPID_PUBLIC_KEY).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(withDevSecrets({ DEV_SECRETS_FILE: file })).toMatchObject({
      JWT_SECRET: first.JWT_SECRET,
      ENCRYPTION_KEY: first.ENCRYPTION_KEY,
    });
    expect(withDevSecrets({ DEV_SECRETS_FILE: freshFile() }).JWT_SECRET).not.toBe(first.JWT_SECRET);
  });

  it('yields values the production rules would accept', () => {
    const { JWT_SECRET, ENCRYPTION_KEY } = withDevSecrets({ DEV_SECRETS_FILE: freshFile() });
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://app:Sx9-kq2Lm0p@db:5432/wf',
      REDIS_URL: 'redis://r:6379',
      CORS_ORIGINS: 'https://a.example.com',
      PUBLIC_BASE_URL: 'https://workflows.example.com',
    };
    const CREDENTIALS_KEYS = `k1:${'0123456789abcdef'.repeat(4)}`;
    expect(validateEnvironment({ ...production, JWT_SECRET, ENCRYPTION_KEY, CREDENTIALS_KEYS }).problems).toEqual([]);
  });

  it('keeps secrets that are set, and never touches the file for them', () => {
    const file = freshFile();
    const vapid = { VAPID_PUBLIC_KEY: 'pub', VAPID_PRIVATE_KEY: 'priv' };
    expect(withDevSecrets({ JWT_SECRET: 'mine', ENCRYPTION_KEY: 'also-mine', ...vapid, DEV_SECRETS_FILE: file })).toMatchObject({
      JWT_SECRET: 'mine',
    });
    expect(
      withDevSecrets({ JWT_SECRET: 'mine', ENCRYPTION_KEY: 'also-mine', WEB_PUSH_ENABLED: 'false', DEV_SECRETS_FILE: file }),
    ).not.toHaveProperty('VAPID_PUBLIC_KEY');
    expect(existsSync(file)).toBe(false);
  });

  it('never completes half a VAPID pair from the file', () => {
    const env = withDevSecrets({ VAPID_PUBLIC_KEY: 'only-public', DEV_SECRETS_FILE: freshFile() });
    expect(env.VAPID_PUBLIC_KEY).toBe('only-public');
    expect(env.VAPID_PRIVATE_KEY).toBeUndefined();
  });

  it('is never used in production: missing secrets stay missing and are refused', () => {
    const file = freshFile();
    const { problems } = validateEnvironment({ NODE_ENV: 'production', DEV_SECRETS_FILE: file });
    expect(existsSync(file)).toBe(false);
    expect(problems.map((p) => p.variable)).toEqual(expect.arrayContaining(['JWT_SECRET', 'ENCRYPTION_KEY']));
  });

  it('reports a corrupt file as a configuration problem', () => {
    const file = join(dir, 'corrupt.json');
    writeFileSync(file, 'not json');
    const { problems } = validateEnvironment({ DEV_SECRETS_FILE: file });
    expect(problems).toEqual([
      expect.objectContaining({ variable: 'DEV_SECRETS_FILE', problem: expect.stringContaining('not a JSON object') }),
    ]);
  });

  it('adds a secret missing from an older file without changing the others', () => {
    const file = join(dir, 'partial.json');
    writeFileSync(file, JSON.stringify({ JWT_SECRET: 'kept-from-before' }), { mode: 0o600 });
    const env = withDevSecrets({ DEV_SECRETS_FILE: file });
    expect(env.JWT_SECRET).toBe('kept-from-before');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      JWT_SECRET: 'kept-from-before',
      ENCRYPTION_KEY: env.ENCRYPTION_KEY,
      VAPID_PUBLIC_KEY: env.VAPID_PUBLIC_KEY,
      VAPID_PRIVATE_KEY: env.VAPID_PRIVATE_KEY,
    });
  });
});
