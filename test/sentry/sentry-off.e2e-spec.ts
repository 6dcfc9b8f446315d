import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/processes';

/** The compiled apps' module graphs (dist/, built by the e2e global setup), loaded without a DSN. */
function sentryModulesLoaded(entries: string[], env: Record<string, string>): string[] {
  const script = `${entries.map((e) => `require(${JSON.stringify(join(ROOT, 'dist', e))});`).join('')}
    console.log(JSON.stringify(Object.keys(require.cache).filter((p) => p.includes('@sentry') || (p.includes('@opentelemetry') && !p.includes('@opentelemetry/api/')))));`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as string[];
}

describe('Sentry stays unloaded without SENTRY_DSN (start time and idle memory)', () => {
  // prom-client needs only @opentelemetry/api (a few kB); Sentry brings the SDK and its instrumentations.
  it('the API and worker graphs load neither @sentry nor the OpenTelemetry SDK', () => {
    const entries = [
      'apps/api/src/instrument.js',
      'apps/api/src/app.module.js',
      'apps/worker/src/worker.module.js',
      'libs/http/src/index.js',
    ];
    expect(sentryModulesLoaded(entries, { SENTRY_DSN: '' })).toEqual([]);
  });

  it('with a DSN, instrument.js still loads and starts it', () => {
    const loaded = sentryModulesLoaded(['apps/api/src/instrument.js'], { SENTRY_DSN: 'http://public@127.0.0.1:9/1' });
    expect(loaded.some((p) => p.includes('@sentry/nestjs'))).toBe(true);
  });
});
