// npm run bench:start — what `npm start` costs to (re)start and to keep running: the time from spawning
// the API (as `npm start` runs it, the build already done) to a 200 from /health/ready, and the idle RSS
// of the process tree it leaves running, sampled while it sits idle. Baseline in the same run: a bare
// Fastify process (bench/bare-fastify.js), same measurements.
// BENCH_RESTARTS (default 3) and BENCH_IDLE_SECONDS (default 30) change the counts.
const { readFileSync, readdirSync } = require('node:fs');
const s = require('./support');

const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const SAMPLES_AT = [5, 10, 20, 30, 60].filter((t) => t < IDLE_SECONDS).concat(IDLE_SECONDS);

/** Resident memory of a process and all its descendants, in MB. */
function treeRssMb(pid) {
  let kb = 0;
  const visit = (p) => {
    try {
      kb += Number(readFileSync(`/proc/${p}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
      for (const task of readdirSync(`/proc/${p}/task`))
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) visit(child);
    } catch {
      // gone in between
    }
  };
  visit(pid);
  return kb / 1024;
}

/** Spawns, times the first 200 from readyUrl (polled every 10 ms), optionally samples idle RSS, stops. */
async function startOnce({ command: [script, ...args], env, nodeArgs }, readyUrl, sampleIdle) {
  const started = process.hrtime.bigint();
  const child = s.startProcess(script, env, args, nodeArgs);
  const exited = new Promise((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${child.stderrTail()}`))),
  );
  try {
    await Promise.race([s.waitForHttp(readyUrl, 60_000, 10), exited]);
    const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
    const rss = [];
    if (sampleIdle) {
      const readyAt = Date.now();
      for (const at of SAMPLES_AT) {
        await new Promise((r) => setTimeout(r, readyAt + at * 1000 - Date.now()));
        rss.push(treeRssMb(child.pid));
      }
    }
    return { readyMs, rss };
  } finally {
    exited.catch(() => undefined);
    await s.stop(child);
  }
}

async function measure(label, target, readyUrl) {
  const runs = [];
  for (let n = 0; n <= RESTARTS; n++) runs.push(await startOnce(target, readyUrl, n === RESTARTS));
  const restarts = runs.slice(1).map((r) => r.readyMs); // the first start warms the disk cache
  return { label, first: runs[0].readyMs, restarts, rss: runs[RESTARTS].rss };
}

async function main() {
  const db = await s.createDatabase('bench_start');
  const [apiPort, barePort] = await Promise.all([s.freePort(), s.freePort()]);
  // What `npm start` runs once its build is up to date: migrations on start, docs on, the in-process worker.
  const env = s.platformEnv(db, apiPort, { MIGRATE_ON_START: 'true', DOCS_ENABLED: 'true', SKIP_BUILD: 'true' });
  try {
    const platform = await measure(
      'platform (`npm start`)',
      { command: ['scripts/start.js', 'api'], env, nodeArgs: s.nodeArgs() },
      `http://127.0.0.1:${apiPort}/health/ready`,
    );
    // The baseline runs without BENCH_NODE_ARGS / profiling, as in bench:webhook.
    const bare = await measure(
      'bare Fastify',
      { command: ['bench/bare-fastify.js'], env: { PORT: String(barePort) }, nodeArgs: [] },
      `http://127.0.0.1:${barePort}/health`,
    );
    print([platform, bare]);
  } finally {
    await s.cleanRedis(env.REDIS_KEY_PREFIX);
    await db.drop();
  }
}

function print(results) {
  const ms = (values) => values.map((v) => s.fmt(v)).join(' / ');
  console.log(`restarts: ${RESTARTS}; idle RSS of the process tree at ${SAMPLES_AT.map((t) => `${t} s`).join(', ')} after ready\n`);
  console.log('process | first start ms | restart to ready ms | idle RSS MB');
  for (const r of results) console.log(`${r.label} | ${s.fmt(r.first)} | ${ms(r.restarts)} | ${r.rss.map((v) => s.fmt(v, 1)).join(' / ')}`);
  const [platform, bare] = results;
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const lastRss = (r) => r.rss[r.rss.length - 1];
  console.log(
    `\nplatform / bare: restart ${s.fmt(median(platform.restarts) / median(bare.restarts), 1)}x, ` +
      `idle RSS ${s.fmt(lastRss(platform) / lastRss(bare), 1)}x (platform: median restart ${s.fmt(median(platform.restarts))} ms, ` +
      `idle RSS ${s.fmt(lastRss(platform), 1)} MB)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
