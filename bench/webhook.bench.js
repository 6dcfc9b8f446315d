// npm run bench:webhook — synchronous webhook executions per second, against a bare Fastify route
// doing the same arithmetic in the same run. Every 2xx must leave an execution row with its steps.
// BENCH_DURATION (seconds, default 20) and BENCH_CONNECTIONS (default "10,50") shorten or widen it.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const autocannon = require('autocannon');
const s = require('./support');

const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const EXAMPLE = join(s.ROOT, 'examples', 'echo-sum.workflow.json');

function load(url, connections) {
  let seq = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration: DURATION,
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
});

async function main() {
  const { _expect, ...workflow } = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  const db = await s.createDatabase('bench_webhook');
  const [apiPort, barePort] = await Promise.all([s.freePort(), s.freePort()]);
  const env = s.platformEnv(db, apiPort, { THROTTLE_WEBHOOK_LIMIT: '100000000', DATABASE_POOL_MAX: '16' });
  const api = s.startProcess('dist/apps/api/src/main.js', env, [], s.profileArgs());
  const bare = s.startProcess('bench/bare-fastify.js', { PORT: String(barePort) });
  const results = [];
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
      const platform = summary(await load(`${base}${_expect.request.path}`, connections));
      await new Promise((r) => setTimeout(r, 500)); // let the last grouped commit land
      const [{ count: after }] = await s.query(db.url, 'SELECT count(*)::int AS count FROM executions');
      const [{ steps }] = await s.query(db.url, 'SELECT count(*)::int AS steps FROM execution_steps');
      const [{ orphans }] = await s.query(
        db.url,
        `SELECT count(*)::int AS orphans FROM executions e WHERE (SELECT count(*) FROM execution_steps s WHERE s."executionId" = e.id) <> 3`,
      );
      if (orphans) console.warn(`${orphans} executions without exactly 3 steps`);
      const baseline = summary(await load(`http://127.0.0.1:${barePort}/webhook/echo-sum`, connections));
      results.push({ connections, platform, baseline, rows: after - before, steps });
    }
  } finally {
    await Promise.all([s.stop(api), s.stop(bare)]);
    await s.cleanRedis(env.REDIS_KEY_PREFIX);
    await db.drop();
  }

  console.log(`\nbench:webhook — echo-sum, sync webhook, ${DURATION} s per run, API with in-process worker (one process)\n`);
  console.log(
    'conn | platform req/s | p50 ms | p99 ms | errors | non-2xx | execution rows (every 2xx persisted?) | bare Fastify req/s | p99 ms | ratio',
  );
  for (const { connections, platform: p, baseline: b, rows } of results) {
    console.log(
      `${String(connections).padStart(4)} | ${s.fmt(p.rps).padStart(14)} | ${String(p.p50).padStart(6)} | ${String(p.p99).padStart(6)} | ${String(p.errors).padStart(6)} | ${String(p.non2xx).padStart(7)} | ${s.fmt(rows).padStart(10)} (${rows >= p.ok && rows - p.ok <= connections ? `yes; ${rows - p.ok} cut off in flight` : `NO: ${p.ok} 2xx`}) | ${s.fmt(b.rps).padStart(18)} | ${String(b.p99).padStart(6)} | ${(p.rps / b.rps).toFixed(3)}`,
    );
  }
  const last = results[results.length - 1];
  console.log(`\nsteps written in all: ${s.fmt(last.steps)} (3 per execution, every execution checked)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
