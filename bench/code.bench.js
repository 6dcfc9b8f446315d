#!/usr/bin/env node
// npm run bench:code — 10,000 runs of a small snippet through the code node's sandbox (QuickJS in
// WebAssembly, worker threads), as the compiled apps run it, after a 2,000-run warm-up. Prints
// throughput and the RSS of this process (worker threads included) every 1,000 runs, and fails when
// RSS grows more than BENCH_MAX_GROWTH_MB (default 40) over the last 5,000 runs. A leaked QuickJS
// runtime + context costs ~75 KB (measured: +150 MB for 2,000), so a per-run leak shows as hundreds of
// MB; the few tens of MB seen without one are the worker threads' V8 heaps growing lazily (they level
// off: ~140 MB RSS from 20,000 runs on in a 40,000-run check, heap in use flat at ~5 MB).
//   BENCH_RUNS (default 10000), BENCH_CONCURRENCY (default 2), BENCH_POOL_SIZE (default 2) tune it.
'use strict';

const { join } = require('node:path');
const s = require('./support');

const RUNS = Number(process.env.BENCH_RUNS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 2);
const MAX_GROWTH_MB = Number(process.env.BENCH_MAX_GROWTH_MB ?? 40);
const WARM_UP = 2_000;
const TOTAL = WARM_UP + RUNS;
const MB = 1024 * 1024;

const SNIPPET = `const items = $trigger.body.items;
const total = items.reduce((sum, i) => sum + i.qty * i.price, 0);
return { total, count: items.length, tags: items.map((i) => i.sku.toUpperCase()), from: Object.keys($input) };`;

async function main() {
  const { CodeSandbox } = require(join(s.ROOT, 'dist/libs/workflows/src/node-types/code/code-sandbox'));
  const sandbox = new CodeSandbox({ poolSize: POOL_SIZE, maxOutputBytes: 16 * MB });
  await sandbox.init();
  const items = Array.from({ length: 20 }, (_, i) => ({ sku: `sku-${i}`, qty: i + 1, price: 1.5 }));
  const scope = { trigger: { body: { items } }, nodes: { prep: { ok: true } }, input: { prep: { ok: true } } };
  const expected = items.reduce((sum, i) => sum + i.qty * i.price, 0);

  let done = 0;
  let halfRss = 0;
  const samples = [];
  const started = Date.now();
  const lane = async () => {
    while (done < TOTAL) {
      const run = ++done;
      const output = await sandbox.run({ code: SNIPPET, scope, timeoutMs: 1_000, memoryMb: 16 });
      if (output.total !== expected) throw new Error(`wrong output: ${JSON.stringify(output)}`);
      // The syntax check (on save) creates a runtime on the main thread: it must not leak either.
      if (run % 10 === 0 && sandbox.syntaxProblem(SNIPPET) !== null) throw new Error('syntax check failed');
      if (run % 1_000 === 0) {
        const rss = process.memoryUsage().rss;
        if (run === TOTAL - 5_000) halfRss = rss;
        samples.push(rss);
        console.log(
          `${String(run).padStart(6)} runs  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  rss ${(rss / MB).toFixed(1)} MB`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const seconds = (Date.now() - started) / 1000;
  const growthMb = (samples[samples.length - 1] - halfRss) / MB;
  await sandbox.close();
  console.log(
    `\n${TOTAL} runs (${WARM_UP} warm-up) in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)} runs/s, concurrency ${CONCURRENCY}, ${POOL_SIZE} threads)`,
  );
  console.log(`RSS growth over the last 5,000 runs: ${growthMb.toFixed(1)} MB (limit ${MAX_GROWTH_MB} MB)`);
  if (growthMb > MAX_GROWTH_MB) {
    console.error('FAIL: memory grows with the number of runs');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
