// Imported first by instrument.ts, before anything loads Prisma. Prisma 7's query compiler is a 3.4 MB
// WebAssembly module: V8's optimizing tier (TurboFan) recompiles its hot functions in the background,
// which kept ~45 MB of RSS and ~1 s of a 2-core start for no measurable gain (bench:webhook gave the
// same req/s and p99 with the baseline compiler alone: the hot path's writes go through pg directly).
// V8 has no per-module switch, so this applies to every WebAssembly module of the process.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
