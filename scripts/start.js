#!/usr/bin/env node
// `npm start` / `npm run start:worker` / `npm run cli`: build what changed (scripts/build-steps.js), then
// run the app in this same process so SIGTERM reaches it directly.
const { join } = require('node:path');
const { buildApiIfChanged, buildWebIfChanged, root } = require('./build-steps');

const ENTRY = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js', cli: 'dist/apps/cli/src/main.js' };
const [app, ...args] = process.argv.slice(2);
if (!ENTRY[app]) {
  process.stderr.write(`usage: start.js ${Object.keys(ENTRY).join('|')} [args]\n`);
  process.exit(2);
}
if (process.env.SKIP_BUILD !== 'true') {
  const status = buildApiIfChanged();
  if (status !== 0) process.exit(status);
  // The API serves the web console (dist/web); Vite runs only when apps/web changed.
  if (app === 'api') {
    const webStatus = buildWebIfChanged();
    if (webStatus !== 0) process.exit(webStatus);
  }
}
process.argv = [process.argv[0], join(root, ENTRY[app]), ...args];
require(join(root, ENTRY[app]));
