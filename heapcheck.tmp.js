// temporary: load the API at c=50 while a preload samples allocations (NODEARGS)
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const autocannon = require('autocannon');
const s = require('./bench/support');
(async () => {
  const { _expect, ...workflow } = JSON.parse(readFileSync(join(s.ROOT, 'examples', 'echo-sum.workflow.json'), 'utf8'));
  const db = await s.createDatabase('bench_heap');
  const port = await s.freePort();
  const env = s.platformEnv(db, port, { THROTTLE_WEBHOOK_LIMIT: '100000000', DATABASE_POOL_MAX: '16' });
  const api = s.startProcess('dist/apps/api/src/main.js', env, [], (process.env.NODEARGS || '').split(' ').filter(Boolean));
  try {
    const base = `http://127.0.0.1:${port}`;
    await s.waitForHttp(`${base}/health/startup`);
    const { auth } = await s.benchUser(base, db.url);
    const created = await s.json(`${base}/workflows`, 'POST', workflow, auth);
    await s.json(`${base}/workflows/${created.id}/activate`, 'POST', undefined, auth);
    let seq = 0;
    const r = await autocannon({ url: `${base}${_expect.request.path}`, method: 'POST', connections: 50, duration: Number(process.env.D || 15),
      headers: { 'content-type': 'application/json' }, setupClient: (c) => c.setBody(JSON.stringify({ a: 1, b: 2, id: `x-${seq++}` })) });
    console.log('req/s', r.requests.average, 'pid', api.pid);
    await new Promise((r) => setTimeout(r, 2000));
  } finally { await s.stop(api); await s.cleanRedis(env.REDIS_KEY_PREFIX); await db.drop(); }
})();
