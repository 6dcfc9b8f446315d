import { generateSecrets } from './secrets-generator';
import { formatSetupGuide } from './setup-guide';
import { validateEnvironment } from './validate-environment';

const secrets = Object.fromEntries(generateSecrets().map((line) => line.split(/=(.*)/s).slice(0, 2)));

const validProduction = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://app:Sx9-kq2Lm0p@db.internal:5432/workflows',
  REDIS_URL: 'redis://redis.internal:6379/0',
  JWT_SECRET: secrets.JWT_SECRET,
  ENCRYPTION_KEY: secrets.ENCRYPTION_KEY,
  CREDENTIALS_KEYS: secrets.CREDENTIALS_KEYS,
  CORS_ORIGINS: 'https://app.example.com,https://admin.example.com',
  PUBLIC_BASE_URL: 'https://workflows.example.com',
};

const variablesOf = (env: Record<string, string>) => validateEnvironment(env).problems.map((p) => p.variable);

describe('validateEnvironment', () => {
  it('accepts the development defaults with an empty environment', () => {
    const { config, problems } = validateEnvironment({});
    expect(problems).toEqual([]);
    expect(config?.server.PORT).toBe(3000);
    expect(config?.server.WORKER_INLINE).toBe(true);
  });

  it('parses types: numbers, booleans ("false" is false), lists', () => {
    const { config } = validateEnvironment({
      PORT: '8080',
      WORKER_INLINE: 'false',
      CORS_ORIGINS: 'http://a.test, http://b.test',
      THROTTLE_ADAPTIVE_FACTOR: '0.25',
    });
    expect(config?.server.PORT).toBe(8080);
    expect(config?.server.WORKER_INLINE).toBe(false);
    expect(config?.server.CORS_ORIGINS).toEqual(['http://a.test', 'http://b.test']);
    expect(config?.throttle.THROTTLE_ADAPTIVE_FACTOR).toBe(0.25);
  });

  it('treats blank values as unset', () => {
    expect(validateEnvironment({ SENTRY_DSN: '', PORT: '' }).config?.server.PORT).toBe(3000);
  });

  it('reports every malformed value at once', () => {
    expect(variablesOf({ PORT: 'eighty', NODE_ENV: 'staging', WORKER_INLINE: 'maybe', LOG_LEVEL: 'loud', REDIS_URL: 'http://x' })).toEqual(
      expect.arrayContaining(['PORT', 'NODE_ENV', 'WORKER_INLINE', 'LOG_LEVEL', 'REDIS_URL']),
    );
  });

  it('boots a valid production configuration', () => {
    const { config, problems } = validateEnvironment(validProduction);
    expect(problems).toEqual([]);
    expect(config?.isProduction).toBe(true);
  });

  it('accepts every secret that `config secrets` generates', () => {
    expect(validateEnvironment({ ...validProduction, METRICS_TOKEN: secrets.METRICS_TOKEN }).problems).toEqual([]);
  });

  describe('production refuses insecure values', () => {
    const cases: [string, Record<string, string>, string][] = [
      ['missing JWT_SECRET', { JWT_SECRET: '' }, 'JWT_SECRET'],
      ['default JWT_SECRET', { JWT_SECRET: 'dev-only-jwt-secret-do-not-use-in-production-0123456789' }, 'JWT_SECRET'],
      ['example JWT_SECRET', { JWT_SECRET: 'changeme-changeme-changeme-changeme' }, 'JWT_SECRET'],
      ['short JWT_SECRET', { JWT_SECRET: 'Zq8#kL2!pW' }, 'JWT_SECRET'],
      ['low-entropy JWT_SECRET', { JWT_SECRET: 'abababababababababababababababababababab' }, 'JWT_SECRET'],
      ['missing ENCRYPTION_KEY', { ENCRYPTION_KEY: '' }, 'ENCRYPTION_KEY'],
      [
        'development ENCRYPTION_KEY',
        { ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff' },
        'ENCRYPTION_KEY',
      ],
      ['ENCRYPTION_KEY of the wrong length', { ENCRYPTION_KEY: 'a1b2c3d4e5f60718' }, 'ENCRYPTION_KEY'],
      ['missing CREDENTIALS_KEYS', { CREDENTIALS_KEYS: '' }, 'CREDENTIALS_KEYS'],
      ['CREDENTIALS_KEYS without key ids', { CREDENTIALS_KEYS: secrets.ENCRYPTION_KEY }, 'CREDENTIALS_KEYS'],
      [
        'CREDENTIALS_KEYS repeating an id',
        { CREDENTIALS_KEYS: `k1:${secrets.ENCRYPTION_KEY},k1:${secrets.ENCRYPTION_KEY}` },
        'CREDENTIALS_KEYS',
      ],
      ['CREDENTIALS_KEYS with a repeated-byte key', { CREDENTIALS_KEYS: `k1:${'ab'.repeat(32)}` }, 'CREDENTIALS_KEYS'],
      ['wildcard CORS', { CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
      ['plain-http CORS origin', { CORS_ORIGINS: 'http://app.example.com' }, 'CORS_ORIGINS'],
      ['missing CORS_ORIGINS', { CORS_ORIGINS: '' }, 'CORS_ORIGINS'],
      ['Sentry DSN over http', { SENTRY_DSN: 'http://key@sentry.example.com/1' }, 'SENTRY_DSN'],
      ['S3 endpoint over http', { S3_ENDPOINT: 'http://s3.example.com' }, 'S3_ENDPOINT'],
      ['Slack webhook over http', { SLACK_WEBHOOK_URL: 'http://hooks.slack.com/services/x' }, 'SLACK_WEBHOOK_URL'],
      ['S3 bucket without credentials', { S3_BUCKET: 'backups' }, 'S3_ACCESS_KEY_ID'],
      ['S3 default secret', { S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'minioadmin' }, 'S3_SECRET_ACCESS_KEY'],
      ['database without password', { DATABASE_URL: 'postgresql://app@db.internal:5432/workflows' }, 'DATABASE_URL'],
      ['missing DATABASE_URL', { DATABASE_URL: '' }, 'DATABASE_URL'],
      ['missing REDIS_URL', { REDIS_URL: '' }, 'REDIS_URL'],
      ['missing PUBLIC_BASE_URL', { PUBLIC_BASE_URL: '' }, 'PUBLIC_BASE_URL'],
      ['PUBLIC_BASE_URL over http', { PUBLIC_BASE_URL: 'http://workflows.example.com' }, 'PUBLIC_BASE_URL'],
      ['weak METRICS_TOKEN', { METRICS_TOKEN: 'abc' }, 'METRICS_TOKEN'],
      ['rate limiting off', { THROTTLE_ENABLED: 'false' }, 'THROTTLE_ENABLED'],
    ];
    it.each(cases)('%s', (_name, override, variable) => {
      expect(variablesOf({ ...validProduction, ...override })).toContain(variable);
    });

    it('lists all problems at once, each with a fix, in a guide without stack traces', () => {
      const { problems } = validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'short', CORS_ORIGINS: '*', PORT: 'x' });
      expect(problems.map((p) => p.variable)).toEqual(
        expect.arrayContaining(['PORT', 'JWT_SECRET', 'CORS_ORIGINS', 'DATABASE_URL', 'REDIS_URL', 'ENCRYPTION_KEY']),
      );
      const guide = formatSetupGuide(problems, 'production');
      for (const problem of problems) expect(guide).toContain(problem.variable);
      expect(guide.match(/fix:/g)).toHaveLength(problems.length);
      expect(guide).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
    });
  });

  it('does not apply production rules in development', () => {
    expect(validateEnvironment({ NODE_ENV: 'development', CORS_ORIGINS: '*' }).problems).toEqual([]);
  });
});
