#!/usr/bin/env node
// Backup benchmark: the platform's `backup run` against a plain `pg_dump | gzip` of the same generated
// database, in the same run. Prints wall time and peak RSS of both; targets: <= 1.2x the plain
// pipeline's time, the backup's Node process under 200 MB.
//
//   npm run build && node bench/backup.bench.js          (BENCH_BACKUP_GB=1 by default)
//   BENCH_BACKUP_GB=0.2 BENCH_ROUNDS=2 node bench/backup.bench.js
//   BENCH_DATABASE=<db> node bench/backup.bench.js   (generated once if empty, reused and kept afterwards)
//
// Needs the compiled CLI (dist/), PostgreSQL (TEST_DATABASE_ADMIN_URL or postgres@127.0.0.1:5432) and
// Redis (REDIS_URL or 127.0.0.1:6379). Creates a throwaway database and drops it at the end.
'use strict';

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const Redis = require('ioredis');

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist/apps/cli/src/main.js');
const TARGET_GB = Number(process.env.BENCH_BACKUP_GB ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SAMPLE_MS = 20;
const BATCH = 50_000; // executions per INSERT (plus 3 steps each)
const MB = 1024 * 1024;

function databaseUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function sql(url, text, params) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

/** Every process in the tree rooted at `pid` (children found through /proc/<pid>/task/<pid>/children). */
function processTree(pid) {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    try {
      const children = readFileSync(`/proc/${all[i]}/task/${all[i]}/children`, 'utf8').trim();
      if (children) all.push(...children.split(/\s+/).map(Number));
    } catch {
      // the process ended between two reads
    }
  }
  return all;
}

function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { name: /Name:\s+(\S+)/.exec(status)?.[1] ?? '?', rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return null;
  }
}

/** Runs a command and samples its process tree: wall time, the tree's peak RSS (sum), each program's peak. */
function measure(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let treePeak = 0;
    const peaks = {};
    const sample = () => {
      let sum = 0;
      for (const pid of processTree(child.pid)) {
        const memory = memoryOf(pid);
        if (!memory) continue;
        sum += memory.rss;
        peaks[memory.name] = Math.max(peaks[memory.name] ?? 0, memory.hwm);
      }
      treePeak = Math.max(treePeak, sum);
    };
    const timer = setInterval(sample, SAMPLE_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`));
      else resolve({ seconds, treePeak, peaks, output });
    });
  });
}

async function generate(url) {
  const target = TARGET_GB * 1024 * MB;
  const [{ id: userId }] = (
    await sql(
      url,
      `INSERT INTO users (id, email, name, "passwordHash", "updatedAt") VALUES (gen_random_uuid(), 'bench@example.com', 'Bench', 'x', now()) RETURNING id`,
    )
  ).rows;
  const [{ id: workflowId }] = (
    await sql(url, `INSERT INTO workflows (id, "userId", name, "updatedAt") VALUES (gen_random_uuid(), $1, 'bench', now()) RETURNING id`, [
      userId,
    ])
  ).rows;
  const [{ id: versionId }] = (
    await sql(
      url,
      `INSERT INTO workflow_versions (id, "workflowId", version, definition) VALUES (gen_random_uuid(), $1, 1, '{"nodes":[],"edges":[]}') RETURNING id`,
      [workflowId],
    )
  ).rows;
  const dataSize = async () => (await sizes(url)).data;
  // One statement per batch, all server side: executions with JSON payloads, three steps each.
  for (let start = 0; (await dataSize()) < target; start += BATCH) {
    await sql(
      url,
      `WITH e AS (
         INSERT INTO executions (id, "workflowId", "workflowVersionId", "userId", status, trigger, input, output, "startedAt", "finishedAt", "durationMs", "updatedAt")
         SELECT gen_random_uuid(), $1, $2, $3, 'SUCCEEDED'::"ExecutionStatus", 'WEBHOOK'::"TriggerType",
                jsonb_build_object('orderId', i, 'customer', jsonb_build_object('email', 'c' || i || '@example.com', 'name', 'Customer ' || i),
                                   'items', jsonb_build_array(md5(i::text), md5((i * 7)::text), md5((i * 13)::text)), 'note', md5((i * 3)::text) || md5((i * 5)::text)),
                jsonb_build_object('status', 200, 'body', md5((i * 11)::text) || md5((i * 17)::text) || md5((i * 19)::text)),
                now() - make_interval(secs => i), now() - make_interval(secs => i) + interval '250 ms', 250 + i % 1000, now()
           FROM generate_series($4::int, $5::int) AS i
         RETURNING id)
       INSERT INTO execution_steps (id, "executionId", "nodeId", "nodeType", sequence, status, output)
       SELECT gen_random_uuid(), e.id, 'n' || s, 'http.request', s, 'SUCCEEDED'::"StepStatus", jsonb_build_object('ms', s * 10, 'hash', md5(e.id::text || s))
         FROM e, generate_series(1, 3) AS s`,
      [workflowId, versionId, userId, start, start + BATCH - 1],
    );
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  await sql(url, 'VACUUM ANALYZE');
  return sizes(url);
}

async function sizes(url) {
  const { rows } = await sql(
    url,
    `SELECT pg_database_size(current_database()) AS db, (SELECT count(*) FROM executions) AS executions, (SELECT count(*) FROM execution_steps) AS steps,
            (SELECT sum(pg_table_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r') AS data`,
  );
  return { data: Number(rows[0].data), database: Number(rows[0].db), executions: Number(rows[0].executions), steps: Number(rows[0].steps) };
}

function dirSize(dir) {
  return readdirSync(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

function mb(bytes) {
  return `${(bytes / MB).toFixed(0)} MB`;
}

async function main() {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first');
  // BENCH_DATABASE: a database kept between runs (created and generated when missing) to iterate quickly.
  const reuse = process.env.BENCH_DATABASE;
  const name = reuse ?? `wp_bench_backup_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(name);
  const work = mkdtempSync(join(tmpdir(), 'wp-bench-backup-'));
  const prefix = `wp-bench-${randomBytes(4).toString('hex')}:`;
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: url,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    BACKUP_DIR: join(work, 'backups'),
    UPLOAD_DIR: join(work, 'uploads'),
  };
  for (const key of ['S3_BUCKET', 'SLACK_WEBHOOK_URL']) delete env[key];
  const exists = (await sql(ADMIN_URL, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!exists) await sql(ADMIN_URL, `CREATE DATABASE "${name}"`);
  try {
    let generated = exists ? await sizes(url).catch(() => null) : null;
    if (!generated?.executions) {
      await measure(process.execPath, [CLI, 'migrate'], env);
      console.log(`Generating about ${TARGET_GB} GB of table data in ${name} ...`);
      generated = await generate(url);
    }
    console.log(
      `Database: ${mb(generated.database)} on disk (pg_database_size), ${mb(generated.data)} of table data; ${generated.executions} executions, ${generated.steps} steps`,
    );

    const results = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const plainFile = join(work, `plain-${round}.sql.gz`);
      const plain = await measure('sh', ['-c', `pg_dump --format=plain --no-owner --no-privileges | gzip > '${plainFile}'`], {
        ...env,
        PGDATABASE: name,
        ...pgEnv(url),
      });
      const platform = await measure(process.execPath, [CLI, 'backup', 'run'], env);
      const id = /id:\s+(\S+)/.exec(platform.output)[1];
      results.push({ round, plain, platform, plainBytes: statSync(plainFile).size, platformBytes: dirSize(join(work, 'backups', id)) });
      rmSync(plainFile);
    }
    report(results);
  } finally {
    if (!reuse) await sql(ADMIN_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    rmSync(work, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

function pgEnv(url) {
  const parsed = new URL(url);
  return {
    PGHOST: parsed.hostname,
    PGPORT: parsed.port || '5432',
    PGUSER: decodeURIComponent(parsed.username || 'postgres'),
    PGPASSWORD: decodeURIComponent(parsed.password),
  };
}

function report(results) {
  console.log('');
  console.log('round  pipeline               wall      tree peak RSS  largest process peak      output');
  for (const { round, plain, platform, plainBytes, platformBytes } of results) {
    const largest = (peaks) =>
      Object.entries(peaks)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 2)
        .map(([program, bytes]) => `${program} ${mb(bytes)}`)
        .join(', ');
    console.log(
      `${String(round).padEnd(5)}  pg_dump | gzip         ${plain.seconds.toFixed(1).padStart(6)} s  ${mb(plain.treePeak).padStart(13)}  ${largest(plain.peaks).padEnd(24)}  ${mb(plainBytes)}`,
    );
    console.log(
      `${String(round).padEnd(5)}  platform backup run    ${platform.seconds.toFixed(1).padStart(6)} s  ${mb(platform.treePeak).padStart(13)}  ${largest(platform.peaks).padEnd(24)}  ${mb(platformBytes)} (4 artifacts + manifest)`,
    );
  }
  // Each round runs both pipelines back to back; on a shared machine, compare within rounds.
  const ratios = results.map((result) => result.platform.seconds / result.plain.seconds).sort((a, b) => a - b);
  const median = ratios[Math.floor((ratios.length - 1) / 2)];
  const best = (key) => Math.min(...results.map((result) => result[key].seconds));
  const ratio = best('platform') / best('plain');
  const nodePeak = Math.max(...results.map((result) => result.platform.peaks.node ?? 0));
  console.log('');
  console.log(
    `time ratio: best vs best ${ratio.toFixed(2)}x, per round ${ratios.map((r) => r.toFixed(2)).join(' ')} (median ${median.toFixed(2)}x)  (target <= 1.2x)  ${ratio <= 1.2 ? 'OK' : 'MISSED'}`,
  );
  console.log(`backup process (node) peak RSS: ${mb(nodePeak)}  (target < 200 MB)  ${nodePeak < 200 * MB ? 'OK' : 'MISSED'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
