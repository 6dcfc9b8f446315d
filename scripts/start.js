#!/usr/bin/env node
// `npm start` / `npm run start:worker` / `npm run cli`: compile incrementally (a no-op when nothing
// changed), then run the app in this same process so SIGTERM reaches it directly.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const ENTRY = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js', cli: 'dist/apps/cli/src/main.js' };
const [app, ...args] = process.argv.slice(2);
if (!ENTRY[app]) {
  process.stderr.write(`usage: start.js ${Object.keys(ENTRY).join('|')} [args]\n`);
  process.exit(2);
}
const root = join(__dirname, '..');
if (process.env.SKIP_BUILD !== 'true') {
  if (!existsSync(join(root, 'libs/database/src/generated/prisma/client.ts'))) run('scripts/prisma-generate.js');
  run('node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json');
  run('node_modules/tsc-alias/dist/bin/index.js', '-p', 'tsconfig.build.json');
}
process.argv = [process.argv[0], join(root, ENTRY[app]), ...args];
require(join(root, ENTRY[app]));

function run(script, ...scriptArgs) {
  const result = spawnSync(process.execPath, [join(root, script), ...scriptArgs], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
