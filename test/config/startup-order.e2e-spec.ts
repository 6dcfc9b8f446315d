import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, httpStatus, ROOT, waitFor } from '../support/processes';
import { databaseUrl, dropDatabase, uniqueName } from '../support/test-database';

interface LogLine {
  level: number;
  msg: string;
  context?: string;
}

/** The built API (scripts/start.js, as `npm start` runs it) on a database that does not exist yet. */
describe('start-up order on a fresh database', () => {
  it('runs config -> migrations -> feature steps -> listening, with no warning or failed probe on the way', async () => {
    const port = await freePort();
    const name = uniqueName('wp_order');
    const child = spawn(process.execPath, ['scripts/start.js', 'api'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl(name),
        REDIS_URL: 'redis://127.0.0.1:6379/3',
        REDIS_KEY_PREFIX: `${name}:`,
        NODE_ENV: 'development',
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
        BACKUP_ENABLED: 'false',
        SKIP_BUILD: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Probes from the first moment, as Kubernetes sends them: none may reach a half-started process.
    let probing = true;
    const probes = (async () => {
      while (probing) {
        await httpStatus(`http://127.0.0.1:${port}/health/ready`, 1_000).catch(() => 0);
        await sleep(20);
      }
    })();
    try {
      await waitFor(
        `startup (output so far: ${output})`,
        async () => (await httpStatus(`http://127.0.0.1:${port}/health/startup`)) === 200,
        40_000,
      );
      expect(await httpStatus(`http://127.0.0.1:${port}/health/ready`)).toBe(200);
      probing = false;
      await probes;
      child.kill('SIGTERM');
      expect(await exited).toBe(0);

      const lines = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine);
      expect(output).not.toContain('Could not restore job schedulers');
      expect(output).not.toContain('Health Check has failed');
      expect(lines.filter((line) => line.level >= 40)).toEqual([]);

      const at = (what: string, match: (line: LogLine) => boolean) => {
        const index = lines.findIndex(match);
        if (index < 0) throw new Error(`no log line for ${what} in:\n${output}`);
        return index;
      };
      const order = [
        at('config', (l) => l.msg === 'Startup step done: config'),
        at('migrations applied', (l) => l.msg === 'Migrations applied'),
        at('migrations step', (l) => l.msg === 'Startup step done: migrations'),
        at('module init', (l) => l.context === 'NestApplication' && l.msg === 'Nest application successfully started'),
        at('queue step', (l) => l.msg === 'Startup step done: queue'),
        at('schedules step', (l) => l.msg === 'Startup step done: schedules'),
        at('listening', (l) => l.context === 'Startup' && / ready at http:\/\/127\.0\.0\.1:\d+/.test(l.msg)),
      ];
      expect(order).toEqual([...order].sort((a, b) => a - b));
    } finally {
      probing = false;
      child.kill('SIGKILL');
      await dropDatabase(name);
    }
  }, 60_000);
});
