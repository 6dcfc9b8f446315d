#!/usr/bin/env node
// `npm run openapi`: compile (incremental, like `npm start`), then write openapi.json and
// apps/web/src/api/schema.d.ts from the API's own modules. The modules are built but never started:
// no migrations run and nothing listens. test/openapi/openapi-contract.e2e-spec.ts fails when the
// committed files differ from what this writes.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { buildApiIfChanged, root } = require('./build-steps');

if (process.env.SKIP_BUILD !== 'true') {
  const status = buildApiIfChanged();
  if (status !== 0) process.exit(status);
}

const { OPENAPI_FILES, renderOpenApi } = require(join(root, 'dist/apps/api/src/openapi/render-openapi.js'));
renderOpenApi(root).then(
  (rendered) => {
    for (const [kind, file] of Object.entries(OPENAPI_FILES)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), rendered[kind]);
      process.stdout.write(`wrote ${file}\n`);
    }
    // Queue and Redis handles may linger a moment after close; the files are written.
    process.exit(0);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
