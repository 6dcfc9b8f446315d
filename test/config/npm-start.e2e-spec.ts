import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { freePort, httpStatus, ROOT, waitFor } from '../support/processes';
import { ADMIN_URL, databaseUrl, dropDatabase, uniqueName } from '../support/test-database';

/** The README's first command, as a script would run it: no TTY, env only, SIGTERM to stop. */
describe('npm start', () => {
  it('creates the database, migrates, serves on PORT with a Redis logical database, and stops on SIGTERM', async () => {
    const port = await freePort();
    const name = uniqueName('wp_start');
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PORT: String(port),
        DATABASE_URL: databaseUrl(name),
        REDIS_URL: 'redis://127.0.0.1:6379/3',
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        SKIP_BUILD: 'true',
        REDIS_KEY_PREFIX: `${name}:`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so cleanup can reach npm's children too
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitFor(
        `startup (output so far: ${output})`,
        async () => (await httpStatus(`http://127.0.0.1:${port}/health/startup`)) === 200,
        40_000,
      );
      expect(await httpStatus(`http://127.0.0.1:${port}/health/ready`)).toBe(200);
      const admin = new Client({ connectionString: ADMIN_URL });
      await admin.connect();
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      await admin.end();
      expect(rowCount).toBe(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await dropDatabase(name);
    }
  }, 60_000);
});
