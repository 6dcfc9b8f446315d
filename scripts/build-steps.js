// The build steps `npm start`, `npm run openapi`, `scripts/build-web.js` and the e2e setup share. Each
// build writes a stamp when it succeeds; while nothing it depends on is newer than the stamp it is skipped
// (even tsc's incremental no-op reads every file for ~3 s).
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const API_STAMP = join(root, 'dist', '.start-build-stamp');
// WEB_CONSOLE_DIR moves the console's build, e.g. for test runs side by side (vite.config.mts reads it too).
const WEB_DIR = process.env.WEB_CONSOLE_DIR || join(root, 'dist', 'web');
const WEB_STAMP = `${WEB_DIR}.build-stamp`;

/** True when the stamp exists and no listed file, and nothing in the listed folders, changed after it. */
function upToDate(stamp, files, dirs) {
  if (!existsSync(stamp)) return false;
  const builtAt = statSync(stamp).mtimeMs;
  const newer = (path) => statSync(path).mtimeMs > builtAt;
  // Directory times change when a file is added, removed or renamed in them.
  const changedIn = (dir) =>
    newer(dir) ||
    readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? changedIn(join(dir, e.name)) : newer(join(dir, e.name))));
  return (
    !files
      .map((f) => join(root, f))
      .filter(existsSync)
      .some(newer) && !dirs.some((dir) => changedIn(join(root, dir)))
  );
}

/** Runs a node script of the repository; returns its exit status. */
function runScript(script, ...args) {
  const result = spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  return result.status ?? 1;
}

function stamp(file) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(file, new Date().toISOString());
}

/** The API, worker and CLI (tsc + path aliases) into dist/; returns the exit status. */
function buildApiIfChanged() {
  if (!existsSync(join(root, 'libs/database/src/generated/prisma/client.ts'))) {
    const status = runScript('scripts/prisma-generate.js');
    if (status !== 0) return status;
  }
  if (upToDate(API_STAMP, ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'], ['apps', 'libs'])) return 0;
  for (const step of [
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
    ['node_modules/tsc-alias/dist/bin/index.js', '-p', 'tsconfig.build.json'],
  ]) {
    const status = runScript(...step);
    if (status !== 0) return status;
  }
  stamp(API_STAMP);
  return 0;
}

/** The web console (apps/web → dist/web) with Vite; returns the exit status. */
function buildWebIfChanged() {
  const built = existsSync(join(WEB_DIR, 'index.html'));
  if (built && upToDate(WEB_STAMP, ['package.json', 'package-lock.json'], ['apps/web'])) return 0;
  const status = runScript('node_modules/vite/bin/vite.js', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn');
  if (status !== 0) return status;
  stamp(WEB_STAMP);
  return 0;
}

module.exports = { buildApiIfChanged, buildWebIfChanged, root };
