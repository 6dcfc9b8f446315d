#!/usr/bin/env node
// `npm start` / `npm run start:worker` / `npm run cli`: compile incrementally (a no-op when nothing
// changed), then run the app in this same process so SIGTERM reaches it directly.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ENTRY = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js', cli: 'dist/apps/cli/src/main.js' };
const [app, ...args] = process.argv.slice(2);
if (!ENTRY[app]) {
  process.stderr.write(`usage: start.js ${Object.keys(ENTRY).join('|')} [args]\n`);
  process.exit(2);
}
const root = join(__dirname, '..');
// Written after a successful build: when no source, config or lockfile changed since, even tsc's
// incremental no-op (~3 s of reading every file) is skipped, so a restart is only the app's own start.
const BUILD_STAMP = join(root, 'dist', '.start-build-stamp');
if (process.env.SKIP_BUILD !== 'true') {
  if (!existsSync(join(root, 'libs/database/src/generated/prisma/client.ts'))) run('scripts/prisma-generate.js');
  if (!builtAfterLastChange()) {
    run('node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json');
    run('node_modules/tsc-alias/dist/bin/index.js', '-p', 'tsconfig.build.json');
    writeFileSync(BUILD_STAMP, new Date().toISOString());
  }
  // The API serves the web console (dist/web); Vite runs only when apps/web changed.
  if (app === 'api') {
    const status = require('./build-web').buildWebIfChanged();
    if (status !== 0) process.exit(status);
  }
}
process.argv = [process.argv[0], join(root, ENTRY[app]), ...args];
require(join(root, ENTRY[app]));

function builtAfterLastChange() {
  if (!existsSync(BUILD_STAMP)) return false;
  const builtAt = statSync(BUILD_STAMP).mtimeMs;
  const newer = (path) => statSync(path).mtimeMs > builtAt;
  // Directory times change when a file is added, removed or renamed in them.
  const changedIn = (dir) =>
    newer(dir) ||
    readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? changedIn(join(dir, e.name)) : newer(join(dir, e.name))));
  const files = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => join(root, f)).filter(existsSync);
  return !files.some(newer) && !['apps', 'libs'].some((dir) => changedIn(join(root, dir)));
}

function run(script, ...scriptArgs) {
  const result = spawnSync(process.execPath, [join(root, script), ...scriptArgs], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
