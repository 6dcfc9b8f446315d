// Builds the web console (apps/web → dist/web) with Vite unless nothing it depends on changed since the
// last build; `npm start` and the e2e global setup both call it.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const STAMP = join(root, 'dist', '.web-build-stamp');

function webBuiltAfterLastChange() {
  if (!existsSync(STAMP) || !existsSync(join(root, 'dist', 'web', 'index.html'))) return false;
  const builtAt = statSync(STAMP).mtimeMs;
  const newer = (path) => statSync(path).mtimeMs > builtAt;
  const changedIn = (dir) =>
    newer(dir) ||
    readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? changedIn(join(dir, e.name)) : newer(join(dir, e.name))));
  return !['package.json', 'package-lock.json'].map((f) => join(root, f)).some(newer) && !changedIn(join(root, 'apps', 'web'));
}

/** Returns the exit status: 0 when built or already up to date. */
function buildWebIfChanged() {
  if (webBuiltAfterLastChange()) return 0;
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [vite, 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'];
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) return result.status ?? 1;
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(STAMP, new Date().toISOString());
  return 0;
}

module.exports = { buildWebIfChanged };

if (require.main === module) process.exit(buildWebIfChanged());
