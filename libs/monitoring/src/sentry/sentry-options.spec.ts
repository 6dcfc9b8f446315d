import type { ErrorEvent } from '@sentry/nestjs';
import { REDACTED, scrubEvent, sentryOptions } from './sentry-options';

describe('sentryOptions', () => {
  it('is null (Sentry off) without SENTRY_DSN', () => {
    expect(sentryOptions({})).toBeNull();
    expect(sentryOptions({ SENTRY_DSN: '  ' })).toBeNull();
  });

  it('reads the DSN, environment, release and sample rate; never attaches request bodies', () => {
    const options = sentryOptions({
      SENTRY_DSN: 'https://k@o.ingest.sentry.io/1',
      NODE_ENV: 'production',
      SENTRY_TRACES_SAMPLE_RATE: '0.2',
      APP_VERSION: '1.2.3',
    });
    expect(options).toMatchObject({
      dsn: 'https://k@o.ingest.sentry.io/1',
      environment: 'production',
      release: '1.2.3',
      tracesSampleRate: 0.2,
      sendDefaultPii: false,
    });
    expect(options?.integrations).toEqual([expect.objectContaining({ name: 'Http' })]);
    expect(sentryOptions({ SENTRY_DSN: 'x', SENTRY_ENVIRONMENT: 'staging', NODE_ENV: 'production' })?.environment).toBe('staging');
  });
});

describe('scrubEvent', () => {
  const event = (): ErrorEvent => ({
    type: undefined,
    message: 'login failed for password: "hunter2" with Bearer abc.def.ghi',
    request: {
      url: 'https://api.example.com/x?token=abc&page=2',
      method: 'POST',
      data: '{"password":"hunter2"}',
      cookies: { session: 's3cr3t' },
      headers: { Authorization: 'Bearer abc.def.ghi', cookie: 'session=s3cr3t', 'x-api-key': 'wp_live_key', 'user-agent': 'jest' },
      query_string: { token: 'abc', page: '2' },
    },
    exception: {
      values: [{ type: 'Error', value: 'Invalid prisma.user.update() invocation: { passwordHash: "$argon2id$v=19$x", email: "a@b.c" }' }],
    },
    extra: { body: { apiKey: 'k', nested: { clientSecret: 'cs' } }, fine: 'ok' },
    contexts: { http: { method: 'POST', route: '/auth/login', authorization: 'Bearer abc' } },
    user: { id: 'u1', email: 'a@b.c', ip_address: '1.2.3.4' },
    breadcrumbs: [{ category: 'http', data: { url: '/x', token: 't' } }],
  });

  it('removes credentials, bodies and secret-looking values, keeps the rest', () => {
    const scrubbed = scrubEvent(event());
    const text = JSON.stringify(scrubbed);
    for (const secret of ['hunter2', 'abc.def.ghi', 's3cr3t', 'wp_live_key', '$argon2id', 'clientSecret":"cs', 'ip_address', 'a@b.c"}'])
      expect(text).not.toContain(secret);
    expect(scrubbed.request?.data).toBeUndefined();
    expect(scrubbed.request?.headers).toEqual({ 'user-agent': 'jest' });
    expect(scrubbed.request?.query_string).toEqual({ token: REDACTED, page: '2' });
    expect(scrubbed.request?.url).toBe(`https://api.example.com/x?token=${REDACTED}&page=2`);
    expect(scrubbed.user).toEqual({ id: 'u1' });
    expect(scrubbed.contexts?.http).toEqual({ method: 'POST', route: '/auth/login', authorization: REDACTED });
    expect(scrubbed.extra).toEqual({ body: { apiKey: REDACTED, nested: { clientSecret: REDACTED } }, fine: 'ok' });
  });
});
