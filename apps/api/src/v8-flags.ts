// Imported first by instrument.ts, before anything loads Prisma. Prisma 7's query compiler is a 3.4 MB
// WebAssembly module: V8's optimizing tier (TurboFan) recompiles its hot functions in the background,
// which kept ~45 MB of RSS for no gain (3,000 Prisma reads took 2.2 s with the baseline compiler alone,
// 2.2–2.6 s with both; bench:webhook gave the same req/s and p99).
// V8 has no per-module switch: the code node's worker threads turn the optimizing tier back on when they
// start (libs/workflows/src/node-types/code/code.worker.js), for QuickJS.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
