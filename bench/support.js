// Shared helpers for the benchmarks: they drive the compiled platform (dist/) as real processes.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { createServer } = require('node:net');
const { join } = require('node:path');
const { Client } = require('pg');

const ROOT = join(__dirname, '..');
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function admin(sql) {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createDatabase(prefix) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const { MigrationRunner } = require(join(ROOT, 'dist/libs/database/src'));
  await new MigrationRunner({ databaseUrl: url.toString() }).migrate();
  return { name, url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function query(url, sql, params = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function startProcess(script, env, args = [], nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  child.stderrTail = () => stderr;
  return child;
}

async function waitForHttp(url, timeoutMs = 60_000, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${url} did not come up`);
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function json(url, method, body, headers = {}) {
  const contentType = body === undefined ? {} : { 'content-type': 'application/json' };
  const res = await fetch(url, {
    method,
    headers: { ...contentType, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A user with a tier whose concurrency limit does not cap the run (FREE allows 2 at once). */
async function benchUser(base, databaseUrl, tier = 'ENTERPRISE') {
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const { user, accessToken } = await json(`${base}/auth/register`, 'POST', { email, password: 'bench-password-123', name: 'Bench' });
  await query(databaseUrl, `UPDATE users SET tier = $1 WHERE id = $2`, [tier, user.id]);
  return { user, auth: { Authorization: `Bearer ${accessToken}` } };
}

function platformEnv(db, port, extra = {}) {
  return {
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: db.url,
    REDIS_KEY_PREFIX: `bench-${randomBytes(4).toString('hex')}:`,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    DOCS_ENABLED: 'false',
    ...extra,
  };
}

async function cleanRedis(prefix) {
  const Redis = require('ioredis');
  const redis = new Redis('redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

/** Node flags for the platform's processes: BENCH_NODE_ARGS (A/B runs), and BENCH_PROFILE_DIR=dir for a V8 CPU profile written there on exit. */
const nodeArgs = () => [
  ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
];

const fmt = (n, digits = 0) => Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

module.exports = {
  ROOT,
  nodeArgs,
  freePort,
  createDatabase,
  query,
  startProcess,
  waitForHttp,
  stop,
  json,
  benchUser,
  platformEnv,
  cleanRedis,
  fmt,
};
