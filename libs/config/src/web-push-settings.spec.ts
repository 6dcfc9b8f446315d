import { createECDH } from 'node:crypto';
import { generateSecrets } from './secrets-generator';
import { validateEnvironment } from './validate-environment';
import { DEV_VAPID_SUBJECT, generateVapidKeys, webPushSettings } from './web-push-settings';

const secrets = Object.fromEntries(generateSecrets().map((line) => line.split(/=(.*)/s).slice(0, 2)));
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://app:Sx9-kq2Lm0p@db.internal:5432/workflows',
  REDIS_URL: 'redis://redis.internal:6379/0',
  JWT_SECRET: secrets.JWT_SECRET,
  ENCRYPTION_KEY: secrets.ENCRYPTION_KEY,
  CREDENTIALS_KEYS: secrets.CREDENTIALS_KEYS,
  CORS_ORIGINS: 'https://app.example.com',
  PUBLIC_BASE_URL: 'https://workflows.example.com',
};
const keys = generateVapidKeys();
const withKeys = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };
const problemsOf = (env: Record<string, string>) => validateEnvironment(env).problems.map((p) => `${p.variable}: ${p.problem}`);

describe('Web Push configuration', () => {
  it('generates a P-256 pair whose private key derives its public key', () => {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
    expect(ecdh.getPublicKey().toString('base64url')).toBe(keys.publicKey);
    expect(Buffer.from(keys.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(keys.privateKey, 'base64url')).toHaveLength(32);
  });

  it('`config secrets` prints a VAPID pair that production accepts, and push is then on with PUBLIC_BASE_URL as subject', () => {
    const env = { ...production, VAPID_PUBLIC_KEY: secrets.VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: secrets.VAPID_PRIVATE_KEY };
    const { config, problems } = validateEnvironment(env);
    expect(problems).toEqual([]);
    expect(webPushSettings(config!)).toEqual({
      enabled: true,
      publicKey: secrets.VAPID_PUBLIC_KEY,
      privateKey: secrets.VAPID_PRIVATE_KEY,
      subject: 'https://workflows.example.com',
    });
  });

  it('refuses production with WEB_PUSH_ENABLED=true and no keys; without the flag push is simply off', () => {
    expect(problemsOf({ ...production, WEB_PUSH_ENABLED: 'true' })).toEqual([
      expect.stringMatching(/^VAPID_PUBLIC_KEY: is not set but WEB_PUSH_ENABLED=true/),
    ]);
    const { config } = validateEnvironment(production);
    expect(webPushSettings(config!)).toEqual({ enabled: false, reason: expect.stringMatching(/not configured/) });
  });

  it('refuses malformed, mismatched and half-set keys in every environment', () => {
    const other = generateVapidKeys();
    const env = { ...production, ...withKeys };
    expect(problemsOf({ ...env, VAPID_PUBLIC_KEY: 'not base64!' })).toEqual([
      expect.stringMatching(/^VAPID_PUBLIC_KEY: must be base64url/),
    ]);
    expect(problemsOf({ ...env, VAPID_PUBLIC_KEY: Buffer.alloc(33, 2).toString('base64url') })).toEqual([
      expect.stringMatching(/^VAPID_PUBLIC_KEY: .*got 33 bytes/),
    ]);
    expect(problemsOf({ ...env, VAPID_PRIVATE_KEY: Buffer.alloc(31, 7).toString('base64url') })).toEqual([
      expect.stringMatching(/^VAPID_PRIVATE_KEY: must be base64url of a 32-byte/),
    ]);
    expect(problemsOf({ ...env, VAPID_PRIVATE_KEY: other.privateKey })).toEqual(['VAPID_PUBLIC_KEY: does not belong to VAPID_PRIVATE_KEY']);
    expect(problemsOf({ NODE_ENV: 'development', VAPID_PUBLIC_KEY: keys.publicKey })).toEqual([
      expect.stringMatching(/^VAPID_PRIVATE_KEY: is not set although its pair is/),
    ]);
  });

  it('accepts only mailto: and https: subjects', () => {
    for (const subject of ['mailto:ops@example.com', 'https://workflows.example.com/contact'])
      expect(problemsOf({ ...production, ...withKeys, VAPID_SUBJECT: subject })).toEqual([]);
    for (const subject of ['ops@example.com', 'http://workflows.example.com', 'mailto:nobody'])
      expect(problemsOf({ ...production, ...withKeys, VAPID_SUBJECT: subject })).toEqual([
        'VAPID_SUBJECT: must be a mailto: address or an https: URL',
      ]);
  });

  it('is on outside production with generated keys and a mailto: subject, and off when WEB_PUSH_ENABLED=false', () => {
    const { config } = validateEnvironment({ NODE_ENV: 'test', ...withKeys });
    expect(webPushSettings(config!)).toMatchObject({ enabled: true, subject: DEV_VAPID_SUBJECT });
    const off = validateEnvironment({ NODE_ENV: 'test', ...withKeys, WEB_PUSH_ENABLED: 'false' }).config!;
    expect(webPushSettings(off)).toEqual({ enabled: false, reason: expect.stringMatching(/WEB_PUSH_ENABLED=false/) });
  });
});
