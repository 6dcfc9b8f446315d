import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSecrets } from '@app/config';
import { waitStarted } from '../support/process-api';
import { AppProcess, freePort, httpStatus, ROOT, waitFor } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';

const secrets = Object.fromEntries(generateSecrets().map((line) => line.split(/=(.*)/s).slice(0, 2)));
const lines = (log: string) => log.split('\n').filter((line) => line.trim());
const isJson = (line: string) => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

/** The compiled API as `npm start` runs it, at the default LOG_LEVEL (info) and LOG_FORMAT. */
describe('log output (real processes)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db?.drop());

  async function runApi(env: Record<string, string>): Promise<string> {
    const port = await freePort();
    const { LOG_LEVEL: _quiet, ...rest } = testRawEnv({
      PORT: String(port),
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: `wp-logs-${port}:`,
      ...secrets,
      ...env,
    });
    const api = AppProcess.spawn('api', rest);
    try {
      await waitStarted(api, `http://127.0.0.1:${port}`, 'api');
      await httpStatus(`http://127.0.0.1:${port}/auth/me`); // one request line
      // The webhook ingress runs without the async request context, and still gets its line with its id.
      await fetch(`http://127.0.0.1:${port}/webhook/no-such-hook`, { method: 'POST', headers: { 'x-request-id': 'log-hook-1' } });
      await waitFor('requests logged', async () => api.log.includes('/auth/me') && api.log.includes('/webhook/no-such-hook'), 5_000);
    } finally {
      api.signal('SIGTERM');
      await api.exited;
    }
    return api.log;
  }

  it('development: short, human-readable lines; a one-line summary instead of Nest module loading', async () => {
    const log = await runApi({ NODE_ENV: 'development' });
    const output = lines(log);
    expect(log).not.toMatch(/InstanceLoader|RouterExplorer|RoutesResolver/);
    expect(output.filter(isJson)).toEqual([]);
    expect(output.length).toBeLessThan(20);
    expect(output).toContainEqual(
      expect.stringMatching(
        /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[Startup\] workflow-platform \S+ api ready at http:\/\/127\.0\.0\.1:\d+ \(development\); worker inline; on: .*metrics.*; off: /,
      ),
    );
    expect(output).toContainEqual(expect.stringMatching(/INFO: GET \/auth\/me 401 \(\d+ ms\)$/));
    expect(output).toContainEqual(expect.stringMatching(/INFO: POST \/webhook\/no-such-hook 404 \(\d+ ms\)$/));
  }, 60_000);

  it('production: one JSON object per line, the summary as fields too', async () => {
    const log = await runApi({
      NODE_ENV: 'production',
      DATABASE_URL: db.url.replace('postgres@', 'postgres:unused-Pw9x@'),
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      CORS_ORIGINS: 'https://app.example.com',
      PUBLIC_BASE_URL: 'https://workflows.example.com',
      MIGRATE_ON_START: 'false',
    });
    const output = lines(log);
    expect(output.filter((line) => !isJson(line))).toEqual([]);
    expect(log).not.toContain('InstanceLoader');
    const summary = output.map((line) => JSON.parse(line)).find((entry) => entry.context === 'Startup');
    expect(summary).toMatchObject({
      level: 30,
      startup: { role: 'api', environment: 'production', workerInline: true, features: { metrics: true } },
    });
    expect(summary.msg).toMatch(/^workflow-platform \S+ api ready at /);
    expect(summary.service).toBe('workflow-platform');
    const requestLine = output.map((line) => JSON.parse(line)).find((entry) => entry.req?.url === '/auth/me');
    expect(requestLine).toMatchObject({
      service: 'workflow-platform',
      req: { id: expect.any(String), method: 'GET' },
      res: { statusCode: 401 },
    });
    const webhookLine = output.map((line) => JSON.parse(line)).find((entry) => entry.req?.url === '/webhook/no-such-hook');
    expect(webhookLine).toMatchObject({
      service: 'workflow-platform',
      req: { id: 'log-hook-1', method: 'POST' },
      res: { statusCode: 404 },
    });
  }, 60_000);
});

describe('CLI output', () => {
  it('`npm run cli -- config check` prints its verdict and no log lines', async () => {
    const child = spawn('npm', ['run', 'cli', '--silent', '--', 'config', 'check'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', SKIP_BUILD: 'true', NODE_ENV: 'development', ...secrets },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    expect(lines(output)).toEqual(['Configuration OK (NODE_ENV=development).']);
  }, 30_000);

  it('`cli backup list` (which starts Nest) prints its own output only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-cli-logs-'));
    const db = await createTestDatabase();
    try {
      const { LOG_LEVEL: _quiet, ...env } = testRawEnv({
        NODE_ENV: 'development',
        DATABASE_URL: db.url,
        BACKUP_DIR: dir,
        REDIS_KEY_PREFIX: 'wp-cli-logs:',
        ...secrets,
      });
      const cli = AppProcess.spawn('cli', env, ['backup', 'list']);
      expect(await cli.exited).toBe(0);
      expect(lines(cli.log)).toEqual(['No backups.']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  }, 30_000);
});
