#!/usr/bin/env node
// `prisma generate` offline: the prisma-client generator needs no native engine, but the CLI may try
// to locate one; a stand-in binary keeps it from downloading anything (see README, "Prisma").
const { spawnSync } = require('node:child_process');

const env = { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1', ...process.env };
const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
