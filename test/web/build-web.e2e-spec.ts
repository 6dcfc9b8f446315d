import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/processes';

const WEB_DIR = process.env.WEB_CONSOLE_DIR || join(ROOT, 'dist', 'web');
const STAMP = `${WEB_DIR}.build-stamp`;

/** scripts/build-web.js, which npm start and the e2e setup call: Vite runs only when apps/web changed. */
describe('web console build on a restart with nothing changed', () => {
  it('skips the Vite build once dist/web is newer than every apps/web source', () => {
    const build = () => spawnSync(process.execPath, [join(ROOT, 'scripts/build-web.js')], { cwd: ROOT, encoding: 'utf8' });
    expect(build().status).toBe(0); // the global setup has built it already: a no-op too
    expect(existsSync(join(WEB_DIR, 'index.html'))).toBe(true);
    const builtAt = statSync(STAMP).mtimeMs;
    const started = Date.now();
    expect(build().status).toBe(0);
    expect(statSync(STAMP).mtimeMs).toBe(builtAt);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
