import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/processes';

const STAMP = join(ROOT, 'dist', '.start-build-stamp');

/** scripts/start.js (npm start), up to the app's own start: `cli --help` exits right after loading. */
function startCli(): { ms: number; status: number | null; output: string } {
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/start.js'), 'cli', '--help'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
  });
  return { ms: Date.now() - started, status: run.status, output: run.stdout + run.stderr };
}

describe('npm start on a restart with nothing changed', () => {
  it('skips the TypeScript build (a stamp written after a successful build) and starts at once', () => {
    const first = startCli();
    expect(first.output).toContain('workflow-platform');
    expect(existsSync(STAMP)).toBe(true);
    const builtAt = statSync(STAMP).mtimeMs;

    const again = startCli();
    expect(again.status).toBe(first.status);
    expect(statSync(STAMP).mtimeMs).toBe(builtAt); // no build ran, so none was stamped
  }, 60_000);
});
