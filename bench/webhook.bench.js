// npm run bench:webhook — synchronous webhook executions per second, against a bare Fastify route
// doing the same arithmetic in the same run. Every 2xx must leave an execution row with its steps.
// BENCH_DURATION (seconds, default 20) and BENCH_CONNECTIONS (default "10,50") shorten or widen it.
// BENCH_API_PROCESSES=n runs the API as n node:cluster processes (bench/cluster-api.js) to compare.
// Then: what one request costs in Redis commands and database statements (counted, so load-independent),
// and the over-cap case: a FREE user at BENCH_OVER_CAP_CONNECTIONS (default 50) against its cap of 2, the
// callers beyond the cap queued and answered when their run ends (woken by an event, not by polling); 0 skips it.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const autocannon = require('autocannon');
const s = require('./support');
const { countPerRequest, databaseQueries, metricsText } = require('./request-counts');
const { cpuPerRequest, cpuSnapshot, processCpuMs } = require('./cpu-usage');

const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const OVER_CAP_CONNECTIONS = Number(process.env.BENCH_OVER_CAP_CONNECTIONS ?? 50);
const COUNTED_REQUESTS = 1000;
const EXAMPLE = join(s.ROOT, 'examples', 'echo-sum.workflow.json');

function load(url, connections, amount) {
  let seq = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections,
        ...(amount ? { amount } : { duration: DURATION }),
        headers: { 'content-type': 'application/json' },
        setupClient: (client) => client.setBody(JSON.stringify({ a: 1, b: 2, id: `x-${seq++}` })),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const summary = (r) => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
  ok: r['2xx'],
  waited: r.statusCodeStats?.['202']?.count ?? 0,
});

/** Execution reads by the API: every Execution query except the group commit's writes. */
const executionReads = async (base) =>
  databaseQueries(await metricsText(base), (l) => l.model === 'Execution' && l.operation !== 'groupCommit');

/** A FREE user's copy of the workflow: c callers against a cap of 2, the rest queued and waiting. */
async function overCap(base, db, workflow) {
  const { auth } = await s.benchUser(base, db.url, 'FREE');
  const copy = JSON.parse(JSON.stringify(workflow));
  copy.definition.nodes[0].params.path = 'echo-sum-free';
  const created = await s.json(`${base}/workflows`, 'POST', copy, auth);
  await s.json(`${base}/workflows/${created.id}/activate`, 'POST', undefined, auth);
  const readsBefore = await executionReads(base);
  const result = summary(await load(`${base}/webhook/echo-sum-free`, OVER_CAP_CONNECTIONS));
  await new Promise((r) => setTimeout(r, 500));
  const reads = (await executionReads(base)) - readsBefore;
  const [{ rows }] = await s.query(db.url, 'SELECT count(*)::int AS rows FROM executions WHERE "workflowId" = $1', [created.id]);
  return { ...result, reads, rows };
}

async function main() {
  const { _expect, ...workflow } = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  const db = await s.createDatabase('bench_webhook');
  const [apiPort, barePort] = await Promise.all([s.freePort(), s.freePort()]);
  const env = s.platformEnv(db, apiPort, { THROTTLE_WEBHOOK_LIMIT: '100000000', DATABASE_POOL_MAX: '16' });
  const processes = Number(process.env.BENCH_API_PROCESSES ?? 1);
  const apiScript = processes > 1 ? 'bench/cluster-api.js' : 'dist/apps/api/src/main.js';
  const api = s.startProcess(apiScript, { ...env, BENCH_API_PROCESSES: String(processes) }, [], s.nodeArgs());
  const bare = s.startProcess('bench/bare-fastify.js', { PORT: String(barePort) });
  const results = [];
  let counts, capped;
  try {
    const base = `http://127.0.0.1:${apiPort}`;
    await Promise.all([s.waitForHttp(`${base}/health/startup`), s.waitForHttp(`http://127.0.0.1:${barePort}/health`)]);
    const { auth } = await s.benchUser(base, db.url);
    const created = await s.json(`${base}/workflows`, 'POST', workflow, auth);
    await s.json(`${base}/workflows/${created.id}/activate`, 'POST', undefined, auth);
    const check = await s.json(`${base}${_expect.request.path}`, 'POST', _expect.request.body);
    if (check.total !== _expect.response.body.total || check.id !== _expect.response.body.id)
      throw new Error(`unexpected answer ${JSON.stringify(check)}`);
    await load(`${base}${_expect.request.path}`, 10).catch(() => undefined); // warm-up (JIT, pools)
    await new Promise((r) => setTimeout(r, 1000)); // the warm-up's last grouped commit lands before counting

    for (const connections of CONNECTIONS) {
      const [{ count: before }] = await s.query(db.url, 'SELECT count(*)::int AS count FROM executions');
      const statementsBefore = databaseQueries(await metricsText(base));
      const cpuBefore = cpuSnapshot(api.pid);
      const platform = summary(await load(`${base}${_expect.request.path}`, connections));
      const cpu = cpuPerRequest(cpuBefore, cpuSnapshot(api.pid), platform.ok);
      await new Promise((r) => setTimeout(r, 500)); // let the last grouped commit land
      const [{ count: after }] = await s.query(db.url, 'SELECT count(*)::int AS count FROM executions');
      const statements = databaseQueries(await metricsText(base)) - statementsBefore;
      const [{ steps }] = await s.query(db.url, 'SELECT count(*)::int AS steps FROM execution_steps');
      const [{ orphans }] = await s.query(
        db.url,
        `SELECT count(*)::int AS orphans FROM executions e WHERE (SELECT count(*) FROM execution_steps s WHERE s."executionId" = e.id) <> 3`,
      );
      if (orphans) console.warn(`${orphans} executions without exactly 3 steps`);
      const bareBefore = processCpuMs(bare.pid);
      const baseline = summary(await load(`http://127.0.0.1:${barePort}/webhook/echo-sum`, connections));
      const bareCpu = (processCpuMs(bare.pid) - bareBefore) / Math.max(1, baseline.ok);
      results.push({ connections, platform, baseline, rows: after - before, steps, statements, cpu, bareCpu });
    }
    counts = await countPerRequest(base, env.REDIS_KEY_PREFIX, COUNTED_REQUESTS, () =>
      load(`${base}${_expect.request.path}`, 10, COUNTED_REQUESTS),
    );
    if (OVER_CAP_CONNECTIONS > 0) capped = await overCap(base, db, workflow);
  } finally {
    await Promise.all([s.stop(api), s.stop(bare)]);
    await s.cleanRedis(env.REDIS_KEY_PREFIX);
    await db.drop();
  }

  const shape =
    processes > 1 ? `${processes} node:cluster processes sharing the port; /metrics counts below are one process's` : 'one process';
  console.log(`\nbench:webhook — echo-sum, sync webhook, ${DURATION} s per run, API with in-process worker (${shape})\n`);
  console.log(
    'conn | platform req/s | p50 ms | p99 ms | errors | non-2xx | execution rows (every 2xx persisted?) | DB statements/req | bare Fastify req/s | p99 ms | ratio',
  );
  for (const { connections, platform: p, baseline: b, rows, statements } of results) {
    console.log(
      `${String(connections).padStart(4)} | ${s.fmt(p.rps).padStart(14)} | ${String(p.p50).padStart(6)} | ${String(p.p99).padStart(6)} | ${String(p.errors).padStart(6)} | ${String(p.non2xx).padStart(7)} | ${s.fmt(rows).padStart(10)} (${rows >= p.ok && rows - p.ok <= connections ? `yes; ${rows - p.ok} cut off in flight` : `NO: ${p.ok} 2xx`}) | ${(statements / Math.max(1, rows)).toFixed(3).padStart(17)} | ${s.fmt(b.rps).padStart(18)} | ${String(b.p99).padStart(6)} | ${(p.rps / b.rps).toFixed(3)}`,
    );
  }
  console.log('\nCPU per request (ms, user + system, from /proc while the load ran):');
  for (const { connections, cpu, bareCpu } of results)
    console.log(
      `c=${connections}: API ${cpu.api.toFixed(3)}, PostgreSQL ${cpu.postgres.toFixed(3)}, Redis ${cpu.redis.toFixed(3)}; ` +
        `bare Fastify ${bareCpu.toFixed(3)} (API / bare: ${(cpu.api / bareCpu).toFixed(1)})`,
    );
  const last = results[results.length - 1];
  console.log(`\nsteps written in all: ${s.fmt(last.steps)} (3 per execution, every execution checked)`);
  console.log(
    `\nper request (${s.fmt(COUNTED_REQUESTS)} requests at c=10, counted): Redis commands sent ${counts.redisSent.toFixed(2)} ` +
      `(${counts.redisByCommand.join(', ')}), commands run inside Lua scripts ${counts.redisInScripts.toFixed(2)}, ` +
      `database statements ${counts.dbStatements.toFixed(3)}`,
  );
  if (!capped) return;
  console.log(
    `\nover the cap: FREE user (2 at once), c=${OVER_CAP_CONNECTIONS}: ${s.fmt(capped.rps)} req/s, p50 ${capped.p50} ms, p99 ${capped.p99} ms, ` +
      `${s.fmt(capped.ok)} 2xx (${s.fmt(capped.waited)} of them 202: still running at the sync timeout), errors ${capped.errors}, non-2xx ${capped.non2xx}; ` +
      `execution rows ${s.fmt(capped.rows)}; execution reads while callers waited: ${s.fmt(capped.reads)} ` +
      `(${(capped.reads / Math.max(1, capped.ok)).toFixed(2)} per request; polling every 50 ms would be ~${s.fmt((Math.max(0, OVER_CAP_CONNECTIONS - 2) * DURATION * 1000) / 50)})`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
