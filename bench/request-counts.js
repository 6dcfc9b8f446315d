// Counts what one webhook request costs in round trips, independent of machine load: Redis commands
// the API sends (MONITOR, filtered by the run's key prefix) and database statements (database_queries_total).
const Redis = require('ioredis');

/** Sums database_queries_total samples from a /metrics text; `where` filters on labels. */
function databaseQueries(exposition, where = () => true) {
  let total = 0;
  for (const line of exposition.split('\n')) {
    const match = /^database_queries_total\{([^}]*)\} (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
    if (where(labels)) total += Number(match[2]);
  }
  return total;
}

async function metricsText(base) {
  const res = await fetch(`${base}/metrics`);
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}

/**
 * A MONITOR connection. Not ioredis's monitor(): lines that arrive with MONITOR's +OK, before ioredis has
 * switched the connection to monitoring, are taken for stray replies and emitted as errors ("Command
 * queue state error", redis/ioredis#1981) before monitor() has returned the connection, where no
 * listener can be attached: on a busy Redis that crashed the bench. Those lines precede the work.
 */
async function openMonitor(url) {
  const monitor = new Redis(url, { monitor: true, lazyConnect: true });
  monitor.on('error', () => undefined);
  const monitoring = new Promise((resolve) => monitor.once('monitoring', resolve));
  await monitor.connect();
  await monitoring;
  return monitor;
}

/**
 * Runs `work` (which sends `requests` requests) under Redis MONITOR. Commands naming the prefix are
 * counted: those the API sent (each one a command on the wire; auto-pipelining may share a write) and
 * those Lua scripts ran inside Redis. MONITOR slows Redis down, so no timing is taken here.
 */
async function countPerRequest(base, prefix, requests, work) {
  const monitor = await openMonitor('redis://127.0.0.1:6379');
  const sent = new Map();
  let insideScripts = 0;
  monitor.on('monitor', (_time, args, source) => {
    if (!args.some((a) => String(a).includes(prefix))) return;
    if (source === 'lua') return void insideScripts++;
    const name = String(args[0]).toLowerCase();
    sent.set(name, (sent.get(name) ?? 0) + 1);
  });
  const before = databaseQueries(await metricsText(base));
  await work();
  await new Promise((r) => setTimeout(r, 1500)); // the last grouped commits and trace flushes land
  const statements = databaseQueries(await metricsText(base)) - before;
  monitor.disconnect();
  const total = [...sent.values()].reduce((a, b) => a + b, 0);
  return {
    redisSent: total / requests,
    redisByCommand: [...sent].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${(n / requests).toFixed(2)}`),
    redisInScripts: insideScripts / requests,
    dbStatements: statements / requests,
  };
}

module.exports = { countPerRequest, databaseQueries, metricsText };
