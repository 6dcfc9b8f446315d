// npm run bench:queue — 20,000 async executions enqueued through the async webhook, time until all
// SUCCEEDED, twice: as configured by default (echo-sum is pure, so its runs start eagerly in the API) and with
// WEBHOOK_ASYNC_EAGER_CONCURRENCY=0 (every run through the queue and a worker); each prints its CPU per execution.
// Baseline in the same run: plain BullMQ no-op jobs (add + process) on the same Redis.
// BENCH_JOBS (default 20000), BENCH_QUEUE_CONNECTIONS (the load generator's, default 50) and WORKER_CONCURRENCY
// (default 50) tune it; BENCH_WORKERS=N runs the queue in N worker processes (npm run start:worker) beside an API
// with WORKER_INLINE=false instead of inside the API;
// BENCH_PATHS=eager or BENCH_PATHS=queue runs one of the two; BENCH_API_PROCESSES=n runs the API as n
// node:cluster processes (bench/cluster-api.js). Each run first sends BENCH_WARM_UP async calls (default 5,000) and
// waits for them to finish, as bench:webhook warms up before it counts (JIT, pools, the heap's sizing): a cold API runs
// its first seconds at about half its speed. The baseline warms up with as many no-op jobs. The warm-up's own rate is
// printed as the cold start.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { Queue, Worker } = require('bullmq');
const { cpuSnapshot, processCpuMs } = require('./cpu-usage');
const s = require('./support');

const JOBS = Number(process.env.BENCH_JOBS ?? 20_000);
const CONCURRENCY = process.env.WORKER_CONCURRENCY ?? '50';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const PATHS = (process.env.BENCH_PATHS ?? 'eager,queue').split(',');
const API_PROCESSES = Number(process.env.BENCH_API_PROCESSES ?? 1);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 5_000);
const CONNECTIONS = Number(process.env.BENCH_QUEUE_CONNECTIONS ?? 50);

async function baseline() {
  const prefix = `bench-bull-${Date.now()}`;
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const queue = new Queue('noop', { connection, prefix });
  const worker = new Worker('noop', async () => undefined, { connection, prefix, concurrency: Number(CONCURRENCY) });
  const run = async (count) => {
    let left = count;
    const finished = new Promise((resolve) => {
      const onCompleted = () => --left === 0 && (worker.off('completed', onCompleted), resolve());
      worker.on('completed', onCompleted);
    });
    for (let i = 0; i < count; i += 1000)
      await queue.addBulk(
        Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
          name: 'noop',
          data: { i: i + j },
          opts: { removeOnComplete: true },
        })),
      );
    await finished;
  };
  if (WARM_UP > 0) await run(WARM_UP);
  const started = Date.now();
  await run(JOBS);
  const seconds = (Date.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await s.cleanRedis(prefix);
  return seconds;
}

/** One platform run: eager start on (the default) or off (every run through the queue). */
async function platformRun(eager) {
  const { _expect, ...example } = JSON.parse(readFileSync(join(s.ROOT, 'examples', 'echo-sum.workflow.json'), 'utf8'));
  const workflow = JSON.parse(JSON.stringify(example));
  workflow.definition.nodes[0].params = { path: 'echo-sum-async', method: 'POST', mode: 'async' };
  const db = await s.createDatabase('bench_queue');
  const port = await s.freePort();
  const env = s.platformEnv(db, port, {
    THROTTLE_WEBHOOK_LIMIT: '100000000',
    WORKER_CONCURRENCY: CONCURRENCY,
    DATABASE_POOL_MAX: '16',
    ...(eager ? {} : { WEBHOOK_ASYNC_EAGER_CONCURRENCY: '0' }),
  });
  const apiScript = API_PROCESSES > 1 ? 'bench/cluster-api.js' : 'dist/apps/api/src/main.js';
  const apiEnv = { ...env, WORKER_INLINE: String(WORKERS === 0), BENCH_API_PROCESSES: String(API_PROCESSES) };
  const api = s.startProcess(apiScript, apiEnv, [], s.nodeArgs());
  const workers = [];
  for (let i = 0; i < WORKERS; i++) {
    const workerPort = await s.freePort();
    workers.push({
      port: workerPort,
      child: s.startProcess('dist/apps/worker/src/main.js', { ...env, WORKER_PORT: String(workerPort) }, [], s.nodeArgs()),
    });
  }
  let enqueueSeconds, totalSeconds, ok, succeeded, cpu, acceptLatency, warmUp;
  try {
    const base = `http://127.0.0.1:${port}`;
    await s.waitForHttp(`${base}/health/startup`);
    for (const worker of workers) await s.waitForHttp(`http://127.0.0.1:${worker.port}/health/ready`);
    const { auth } = await s.benchUser(base, db.url, 'ADMIN');
    const created = await s.json(`${base}/workflows`, 'POST', workflow, auth);
    await s.json(`${base}/workflows/${created.id}/activate`, 'POST', undefined, auth);
    const url = `${base}/webhook/echo-sum-async`;
    let before = 0; // SUCCEEDED executions of the warm-up
    if (WARM_UP > 0) {
      const warmStarted = Date.now();
      const answered = await fire(url, WARM_UP);
      const warm = await settled(db, warmStarted);
      before = warm.succeeded;
      warmUp = { acceptSeconds: answered.seconds, totalSeconds: warm.seconds };
    }
    const cpuBefore = {
      ...cpuSnapshot(api.pid),
      workers: workers.reduce((t, w) => t + processCpuMs(w.child.pid), 0),
      bench: process.cpuUsage(),
    };
    const started = Date.now();
    const answered = await fire(url, JOBS);
    enqueueSeconds = answered.seconds;
    ok = answered.result['2xx'];
    acceptLatency = { p50: answered.result.latency.p50, p99: answered.result.latency.p99 };
    const done = await settled(db, started);
    succeeded = done.succeeded - before;
    totalSeconds = done.seconds;
    const after = { ...cpuSnapshot(api.pid), workers: workers.reduce((t, w) => t + processCpuMs(w.child.pid), 0) };
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const per = (ms) => ms / Math.max(1, succeeded);
    cpu = {
      api: per(after.api - cpuBefore.api),
      workers: per(after.workers - cpuBefore.workers),
      postgres: per(after.postgres - cpuBefore.postgres),
      redis: per(after.redis - cpuBefore.redis),
      load: per((benchCpu.user + benchCpu.system) / 1000),
    };
    const others = await s.query(
      db.url,
      `SELECT status, left(error, 160) AS error, count(*)::int AS n FROM executions WHERE status <> 'SUCCEEDED' GROUP BY 1, 2`,
    );
    for (const row of others) console.warn(`not succeeded: ${row.n} ${row.status} (${row.error})`);
  } finally {
    await Promise.all([api, ...workers.map((w) => w.child)].map((child) => s.stop(child)));
    await s.cleanRedis(env.REDIS_KEY_PREFIX);
    await db.drop();
  }
  return { enqueueSeconds, totalSeconds, ok, succeeded, cpu, acceptLatency, warmUp };
}

/** `amount` async calls at c=BENCH_QUEUE_CONNECTIONS; `seconds` until the last answer (autocannon itself notices that it is done only on its once-a-second tick). */
async function fire(url, amount) {
  const started = Date.now();
  let lastAnswer = started;
  const load = autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    amount,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ a: 1, b: 2, id: 'q' }),
  });
  load.on('response', () => (lastAnswer = Date.now()));
  const result = await load;
  return { result, seconds: (lastAnswer - started) / 1000 };
}

/**
 * Waits until no execution is QUEUED or RUNNING: the SUCCEEDED count, and the seconds from `started` to the
 * last run's finishedAt (the polling only notices it up to a tick and a query later).
 */
async function settled(db, started) {
  for (;;) {
    const [counts] = await s.query(
      db.url,
      `SELECT count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded, count(*) FILTER (WHERE status IN ('QUEUED','RUNNING'))::int AS pending, max("finishedAt") AS last FROM executions`,
    );
    if (counts.pending === 0) return { succeeded: counts.succeeded, seconds: (new Date(counts.last).getTime() - started) / 1000 };
    if (Date.now() - started > 600_000) throw new Error('not finished within 10 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main() {
  const eager = PATHS.includes('eager') && (await platformRun(true));
  const queued = PATHS.includes('queue') && (await platformRun(false));
  const plain = await baseline();
  console.log(
    `\nbench:queue — ${s.fmt(JOBS)} async webhook executions (echo-sum, 3 steps each) at c=${CONNECTIONS}, worker concurrency ${CONCURRENCY}, ${API_PROCESSES > 1 ? `${API_PROCESSES} API processes` : 'API'} ${WORKERS ? `+ ${WORKERS} worker process(es)` : 'with in-process worker'}`,
  );
  if (eager) report('\ndefault (pure runs start eagerly in the API)', eager, plain);
  if (queued) report('\nWEBHOOK_ASYNC_EAGER_CONCURRENCY=0 (every run through the queue)', queued, plain);
  console.log(
    `\nbaseline:       plain BullMQ no-op jobs, same count after ${s.fmt(WARM_UP)} warm-up jobs: ${plain.toFixed(1)} s (${s.fmt(JOBS / plain)} jobs/s)`,
  );
}

function report(title, { enqueueSeconds, totalSeconds, ok, succeeded, cpu, acceptLatency, warmUp }, plain) {
  console.log(title);
  if (warmUp)
    console.log(
      `cold start:     the warm-up's ${s.fmt(WARM_UP)} calls on a fresh API, not counted below: accepted ${s.fmt(WARM_UP / warmUp.acceptSeconds)}/s, ${s.fmt(WARM_UP / warmUp.totalSeconds)} executions/s end to end`,
    );
  console.log(
    `accepted (202): ${s.fmt(ok)} in ${enqueueSeconds.toFixed(1)} s (${s.fmt(ok / enqueueSeconds)} enqueues/s), answer p50 ${acceptLatency.p50} ms, p99 ${acceptLatency.p99} ms`,
  );
  console.log(
    `all finished:   ${totalSeconds.toFixed(1)} s after the first request; SUCCEEDED ${s.fmt(succeeded)} (${s.fmt(succeeded / totalSeconds)} executions/s end to end)`,
  );
  const parts = [
    `API ${cpu.api.toFixed(3)}`,
    ...(WORKERS ? [`workers ${cpu.workers.toFixed(3)}`] : []),
    `PostgreSQL ${cpu.postgres.toFixed(3)}`,
    `Redis ${cpu.redis.toFixed(3)}`,
    `load generator ${cpu.load.toFixed(3)}`,
  ];
  const total = cpu.api + cpu.workers + cpu.postgres + cpu.redis + cpu.load;
  console.log(`CPU per execution (ms): ${parts.join(', ')}; total ${total.toFixed(3)} (2 cores: at most ${s.fmt(2000 / total)}/s)`);
  // One process runs on one core at a time: near 100 % it, not the machine, is the limit.
  const busy = (ms) => `${s.fmt((100 * ms * succeeded) / (totalSeconds * 1000))} %`;
  console.log(`busy:           API process ${busy(cpu.api)} of a core, all parts ${busy(total)} of one core (2 cores = 200 %)`);
  console.log(`ratio:          platform executions/s ÷ no-op jobs/s = ${(JOBS / totalSeconds / (JOBS / plain)).toFixed(3)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
