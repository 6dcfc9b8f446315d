import { loadConfig } from '@app/config';
import { startupSummary } from './startup-summary';

// Secrets given, so no development secrets file is read or written.
const SECRETS = { JWT_SECRET: 'x'.repeat(48), ENCRYPTION_KEY: 'ab'.repeat(32) };
const config = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'development', ...SECRETS, ...env });

describe('startupSummary', () => {
  it('says where, which version and environment, how the worker runs, and which features are on', () => {
    const { message, startup } = startupSummary(config({ SMTP_HOST: 'smtp.local' }), 'api', 'http://127.0.0.1:3000', '1.2.3');
    expect(message).toBe(
      'workflow-platform 1.2.3 api ready at http://127.0.0.1:3000 (development); worker inline; ' +
        'on: rate limits, metrics, email, docs (/docs), backups (0 2 * * *); off: sentry, s3',
    );
    expect(message).not.toContain('\n');
    expect(startup).toMatchObject({
      role: 'api',
      version: '1.2.3',
      environment: 'development',
      workerInline: true,
      features: { sentry: false, email: true },
    });
  });

  it('a separate worker and a worker process', () => {
    expect(startupSummary(config({ WORKER_INLINE: 'false' }), 'api', 'http://x', '1').message).toContain('; worker separate');
    expect(startupSummary(config({ METRICS_ENABLED: 'false' }), 'worker', 'http://x', '1').message).toBe(
      'workflow-platform 1 worker ready at http://x (development); on: rate limits; off: metrics, sentry, email',
    );
  });
});
