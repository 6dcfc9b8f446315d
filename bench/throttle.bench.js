// npm run bench:throttle — the cost of rate limiting: the same cheap authenticated route with and
// without the api limiter, in one run.
//
// Method: one database, two API processes from the same build, identical but for THROTTLE_ENABLED:
// "unlimited" (false: the guard returns at once) and "limited" (true, limits far above the load, so
// every request pays the full path: api + burst counted in Redis by one EVALSHA each, headers set,
// nothing refused). The route is GET /node-types: JWT auth (user cached), no database query, a static
// body — cheap, so the limiter's share is not hidden behind I/O. The two are measured alternately
// (unlimited, limited, unlimited, limited, ...) so drift in machine load falls on both alike; the
// idle one costs nothing meanwhile. Both share a redis-server of the bench's own, so nobody else's
// Redis traffic is measured. The machine is shared, so besides req/s (median of the rounds) the bench
// reports CPU per request (API process + its Redis, from /proc and INFO): the capacity ratio it
// implies does not move with other load. Target: limited >= 80% of unlimited.
// BENCH_DURATION (seconds per round, default 8), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 50).
const { spawn, spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const autocannon = require('autocannon');
const Redis = require('ioredis');
const s = require('./support');

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TARGET = 0.8;
const ROUTE = '/node-types';

function load(url, headers, duration = DURATION) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** CPU seconds a process has used so far (utime + stime from /proc, 100 ticks a second). */
function processCpu(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function redisCpu(redis) {
  const info = await redis.info('cpu');
  return Number(/used_cpu_user:([\d.]+)/.exec(info)[1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)[1]);
}

async function startRedis() {
  const port = await s.freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (
    let i = 0;
    i < 100 &&
    !spawnSync('redis-cli', ['-p', String(port), 'ping'])
      .stdout?.toString()
      .includes('PONG');
    i++
  )
    await new Promise((r) => setTimeout(r, 100));
  return { child, url: `redis://127.0.0.1:${port}` };
}

async function measure(mode, base, auth, pid, redis) {
  const [cpu0, redis0] = [processCpu(pid), await redisCpu(redis)];
  const r = await load(`${base}${ROUTE}`, auth);
  const cpu = processCpu(pid) - cpu0 + (await redisCpu(redis)) - redis0;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    cpuMicros: (cpu * 1e6) / r.requests.total,
  };
}

async function main() {
  const db = await s.createDatabase('bench_throttle');
  const redisServer = await startRedis();
  const redis = new Redis(redisServer.url);
  const [unlimitedPort, limitedPort] = await Promise.all([s.freePort(), s.freePort()]);
  const common = { WORKER_INLINE: 'false', REDIS_URL: redisServer.url };
  const envs = {
    unlimited: s.platformEnv(db, unlimitedPort, { ...common, THROTTLE_ENABLED: 'false' }),
    limited: s.platformEnv(db, limitedPort, {
      ...common,
      THROTTLE_ENABLED: 'true',
      THROTTLE_API_LIMIT: '100000000',
      THROTTLE_BURST_LIMIT: '100000000',
    }),
  };
  const apis = {
    unlimited: s.startProcess('dist/apps/api/src/main.js', envs.unlimited),
    limited: s.startProcess('dist/apps/api/src/main.js', envs.limited),
  };
  const bases = { unlimited: `http://127.0.0.1:${unlimitedPort}`, limited: `http://127.0.0.1:${limitedPort}` };
  const runs = { unlimited: [], limited: [] };
  let bodyBytes = 0;
  try {
    await Promise.all(Object.values(bases).map((base) => s.waitForHttp(`${base}/health/startup`)));
    const { auth } = await s.benchUser(bases.unlimited, db.url, 'FREE');
    for (const mode of ['unlimited', 'limited']) {
      const res = await fetch(`${bases[mode]}${ROUTE}`, { headers: auth });
      bodyBytes = (await res.arrayBuffer()).byteLength;
      const limited = res.headers.get('ratelimit-limit') !== null;
      if (res.status !== 200 || limited !== (mode === 'limited'))
        throw new Error(`${mode}: status ${res.status}, RateLimit-Limit ${res.headers.get('ratelimit-limit')}`);
      await load(`${bases[mode]}${ROUTE}`, auth, 3); // warm-up (JIT, pools, the EVALSHA script)
    }
    for (let round = 0; round < ROUNDS; round++)
      for (const mode of ['unlimited', 'limited']) runs[mode].push(await measure(mode, bases[mode], auth, apis[mode].pid, redis));
  } finally {
    await Promise.all(Object.values(apis).map((api) => s.stop(api)));
    redis.disconnect();
    redisServer.child.kill('SIGKILL');
    await db.drop();
  }

  console.log(
    `\nbench:throttle — GET ${ROUTE} (JWT, no DB, ${s.fmt(bodyBytes)} B body), ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION} s per mode, alternating\n`,
  );
  console.log('mode      | round | req/s    | p50 ms | p99 ms | errors | non-2xx | CPU µs/req (API + Redis)');
  for (const mode of ['unlimited', 'limited'])
    runs[mode].forEach((r, i) =>
      console.log(
        `${mode.padEnd(9)} | ${String(i + 1).padStart(5)} | ${s.fmt(r.rps).padStart(8)} | ${String(r.p50).padStart(6)} | ${String(r.p99).padStart(6)} | ${String(r.errors).padStart(6)} | ${String(r.non2xx).padStart(7)} | ${s.fmt(r.cpuMicros, 1).padStart(8)}`,
      ),
    );
  const [unlimited, limited] = [median(runs.unlimited.map((r) => r.rps)), median(runs.limited.map((r) => r.rps))];
  const [unlimitedCpu, limitedCpu] = [median(runs.unlimited.map((r) => r.cpuMicros)), median(runs.limited.map((r) => r.cpuMicros))];
  const ratio = limited / unlimited;
  const cpuRatio = unlimitedCpu / limitedCpu;
  console.log(`\nunlimited (THROTTLE_ENABLED=false): ${s.fmt(unlimited)} req/s (median), ${s.fmt(unlimitedCpu, 1)} CPU µs/req`);
  console.log(`limited   (api + burst in Redis):   ${s.fmt(limited)} req/s (median), ${s.fmt(limitedCpu, 1)} CPU µs/req`);
  console.log(
    `ratio limited / unlimited: ${ratio.toFixed(3)} measured req/s; ${cpuRatio.toFixed(3)} from CPU per request (target >= ${TARGET}: ${ratio >= TARGET ? 'met' : 'NOT met'} / ${cpuRatio >= TARGET ? 'met' : 'NOT met'})`,
  );
  const refused = runs.limited.reduce((n, r) => n + r.non2xx + r.errors, 0);
  if (refused) console.warn(`limited runs had ${refused} non-2xx or errors: the limits were meant to be out of reach`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
