// npm run bench:web — the console's budgets, measured in Debian's Chromium against the real API on loopback:
//   1. the shell's initial JavaScript (entry + its static imports + modulepreload links), gzip, budget 200 kB;
//   2. first load of the workflow list (navigation → 50 rows rendered), cold (new browser profile) and warm;
//   3. an editor holding a 200-node workflow: frame times while panning the canvas and while dragging a node.
// BENCH_RUNS (default 7) sets the loads per kind; BENCH_WORKFLOWS (default 50) the list's size.
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');
const { chromium } = require('playwright-core');
const s = require('./support');
const { buildApiIfChanged } = require('../scripts/build-steps');

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 50);
const EDITOR_NODES = 200;
const SHELL_BUDGET_BYTES = 200 * 1000;
const FRAME_MS = 1000 / 60;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const kB = (bytes) => `${s.fmt(bytes / 1000, 1)} kB`;

/** Vite into a folder of its own (never the dist/web another process may be serving). */
function buildConsole(outDir) {
  const { spawnSync } = require('node:child_process');
  const vite = join(s.ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], {
    cwd: s.ROOT,
    env: { ...process.env, WEB_CONSOLE_DIR: outDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('vite build failed');
}

/** The JavaScript a first visit downloads before any screen: the entry, its static imports, the modulepreloads. */
function shellJavaScript(outDir) {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const entry = /<script[^>]+type="module"[^>]+src="\/([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('no module entry in index.html');
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1]);
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(join(outDir, file), 'utf8');
    // Static imports only (`import(...)` is a lazily loaded chunk): import{a}from"./x.js", import"./x.js", export*from"./x.js".
    for (const m of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']\.\/([^"']+\.js)["']/g))
      visit(join(file, '..', m[1]));
  };
  [entry, ...preloads].forEach(visit);
  const sizes = [...files].map((file) => {
    const bytes = readFileSync(join(outDir, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+\.css)"/g)].map((m) => readFileSync(join(outDir, m[1])));
  return {
    files: sizes.sort((a, b) => b.gzip - a.gzip),
    gzip: sizes.reduce((sum, f) => sum + f.gzip, 0),
    raw: sizes.reduce((sum, f) => sum + f.raw, 0),
    cssGzip: css.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0),
  };
}

/** A browser session for the bench user: the refresh cookie a sign-in sets, ready for a new context. */
async function sessionCookie(base, email, password) {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-session': 'cookie' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const [pair] = res.headers.get('set-cookie').split(';');
  const [name, value] = pair.split('=');
  return { name, value, domain: 'localhost', path: '/auth', httpOnly: true, secure: true, sameSite: 'Strict' };
}

async function seed(base, auth, databaseUrl) {
  const definition = (i) => ({
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'out', type: 'data.set', params: { fields: { i: String(i) } } },
    ],
    edges: [{ from: 'start', to: 'out' }],
  });
  const ids = [];
  for (let i = 0; i < WORKFLOWS; i++) {
    const body = { name: `Bench workflow ${String(i).padStart(2, '0')}`, tags: [i % 2 ? 'odd' : 'even'], definition: definition(i) };
    ids.push((await s.json(`${base}/workflows`, 'POST', body, auth)).id);
  }
  // Every workflow gets a run history (its strip shows up to 10 runs): 3 runs each.
  for (let round = 0; round < 3; round++) await Promise.all(ids.map((id) => s.json(`${base}/workflows/${id}/run`, 'POST', {}, auth)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [{ open }] = await s.query(databaseUrl, `SELECT count(*)::int AS open FROM executions WHERE status IN ('QUEUED', 'RUNNING')`);
    if (open === 0) break;
    if (Date.now() > deadline) throw new Error(`${open} runs still open after 120 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return ids;
}

/** Navigation start → the list's rows on screen, in ms (performance.now() counts from the navigation). */
async function listLoadMs(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (rows) => document.querySelectorAll('tbody tr').length >= rows && performance.now(),
    WORKFLOWS,
    {
      polling: 'raf',
      timeout: 30_000,
    },
  );
  return handle.jsonValue();
}

async function measureListLoads(browser, base, email, password) {
  const url = `${base.replace('127.0.0.1', 'localhost')}/app/workflows`;
  const cold = [];
  const warm = [];
  for (let run = 0; run < RUNS; run++) {
    // A new context is a new profile: empty HTTP cache, no service worker.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([await sessionCookie(base, email, password)]);
    const page = await context.newPage();
    cold.push(await listLoadMs(page, url));
    warm.push(await listLoadMs(page, url));
    await context.close();
  }
  return { cold, warm };
}

/** A 200-node workflow laid out on a grid: a manual trigger fanning out into chains of data.set nodes. */
function bigDefinition() {
  const nodes = [{ id: 'start', type: 'trigger.manual', params: {}, position: { x: 0, y: 0 } }];
  const edges = [];
  for (let i = 1; i < EDITOR_NODES; i++) {
    const column = Math.floor((i - 1) / 20);
    const row = (i - 1) % 20;
    nodes.push({ id: `n${i}`, type: 'data.set', params: { fields: { i: String(i) } }, position: { x: 260 * (column + 1), y: 110 * row } });
    edges.push({ from: row === 0 ? 'start' : `n${i - 1}`, to: `n${i}` });
  }
  return { nodes, edges };
}

/** Records rAF timestamps while `action` runs; returns the frame intervals in ms. */
async function frameTimes(page, action) {
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    window.__recording = true;
    requestAnimationFrame(tick);
  });
  await action();
  const frames = await page.evaluate(() => {
    window.__recording = false;
    return window.__frames;
  });
  return frames.slice(1).map((t, i) => t - frames[i]);
}

async function drag(page, from, to, steps = 90) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** A point on the canvas's empty pane (not on a node, edge or control), found by hit-testing. */
async function emptyPanePoint(page, box) {
  const point = await page.evaluate((b) => {
    for (let y = b.y + 20; y < b.y + b.height - 20; y += 15)
      for (let x = b.x + 20; x < b.x + b.width - 20; x += 15) {
        const hit = document.elementFromPoint(x, y);
        if (hit?.classList.contains('react-flow__pane')) return { x, y };
      }
    return null;
  }, box);
  if (!point) throw new Error('no empty spot on the canvas to pan from');
  return point;
}

async function measureEditor(browser, base, auth, email, password) {
  const { id } = await s.json(`${base}/workflows`, 'POST', { name: 'Bench 200 nodes', definition: bigDefinition() }, auth);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([await sessionCookie(base, email, password)]);
  const page = await context.newPage();
  try {
    await page.goto(`${base.replace('127.0.0.1', 'localhost')}/app/workflows/${id}`);
    const canvas = page.locator('[data-testid="editor-canvas"]');
    try {
      await canvas.waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('[data-testid^="node-"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    } catch {
      return { skipped: 'the editor route /app/workflows/:id shows no [data-testid="editor-canvas"] with [data-testid="node-<id>"] nodes' };
    }
    const rendered = await page.locator('[data-testid^="node-"]').count();
    const box = await canvas.boundingBox();
    const start = await emptyPanePoint(page, box);
    const pan = await frameTimes(page, () => drag(page, start, { x: start.x + 300, y: start.y + 200 }));
    const node = page.locator('[data-testid="node-n5"]');
    let nodeDrag = null;
    if (await node.isVisible()) {
      const nb = await node.boundingBox();
      const from = { x: nb.x + nb.width / 2, y: nb.y + nb.height / 2 };
      nodeDrag = await frameTimes(page, () => drag(page, from, { x: from.x + 250, y: from.y + 120 }));
    }
    return { rendered, pan, nodeDrag };
  } finally {
    await context.close();
  }
}

function frameSummary(intervals) {
  if (!intervals || intervals.length === 0) return 'no frames recorded';
  const dropped = intervals.filter((ms) => ms > FRAME_MS * 1.5).length / intervals.length;
  return (
    `${intervals.length} frames, median ${s.fmt(percentile(intervals, 50), 1)} ms, p95 ${s.fmt(percentile(intervals, 95), 1)} ms, ` +
    `max ${s.fmt(Math.max(...intervals), 1)} ms, dropped (> ${s.fmt(FRAME_MS * 1.5, 1)} ms) ${s.fmt(dropped * 100, 1)} %`
  );
}

async function main() {
  // Like npm start: the API is compiled when its sources changed (SKIP_BUILD=true uses dist/ as it is).
  if (process.env.SKIP_BUILD !== 'true' && buildApiIfChanged() !== 0) throw new Error('API build failed');
  const outDir = mkdtempSync(join(tmpdir(), 'bench-web-'));
  const started = Date.now();
  buildConsole(outDir);
  const buildSeconds = (Date.now() - started) / 1000;
  const shell = shellJavaScript(outDir);

  const db = await s.createDatabase('bench_web');
  const port = await s.freePort();
  const env = s.platformEnv(db, port, { WEB_CONSOLE_DIR: outDir, THROTTLE_ENABLED: 'false' });
  const api = s.startProcess('dist/apps/api/src/main.js', env, [], s.nodeArgs());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let loads;
  let editor;
  try {
    const base = `http://127.0.0.1:${port}`;
    await s.waitForHttp(`${base}/health/startup`);
    const password = 'bench-password-123';
    const { user, auth } = await s.benchUser(base, db.url);
    await seed(base, auth, db.url);
    await measureListLoads(browser, base, user.email, password).catch(() => undefined); // warm-up (JIT, pools)
    loads = await measureListLoads(browser, base, user.email, password);
    editor = await measureEditor(browser, base, auth, user.email, password);
  } catch (error) {
    console.error(api.stderrTail());
    throw error;
  } finally {
    await browser.close();
    await s.stop(api);
    await s.cleanRedis(env.REDIS_KEY_PREFIX);
    await db.drop();
    rmSync(outDir, { recursive: true, force: true });
  }

  const pass = shell.gzip <= SHELL_BUDGET_BYTES;
  console.log(`\nbench:web — console build ${s.fmt(buildSeconds, 1)} s; Chromium headless, API on loopback (one process)\n`);
  console.log(
    `Shell initial JavaScript: ${kB(shell.gzip)} gzip (${kB(shell.raw)} raw, ${shell.files.length} files), budget ${kB(SHELL_BUDGET_BYTES)}: ${pass ? 'PASS' : 'FAIL'}`,
  );
  for (const f of shell.files.slice(0, 5)) console.log(`  ${f.file.padEnd(44)} ${kB(f.gzip).padStart(10)} gzip`);
  console.log(`  (+ CSS ${kB(shell.cssGzip)} gzip, not counted)`);
  const line = (label, values) =>
    console.log(
      `  ${label.padEnd(6)} median ${s.fmt(percentile(values, 50))} ms, p95 ${s.fmt(percentile(values, 95))} ms (${values.map((v) => s.fmt(v)).join(', ')})`,
    );
  console.log(`\nWorkflow list, navigation → ${WORKFLOWS} rows with run history rendered, ${RUNS} runs each:`);
  line('cold', loads.cold);
  line('warm', loads.warm);
  console.log(`\nEditor with a ${EDITOR_NODES}-node workflow:`);
  if (editor.skipped) console.log(`  SKIPPED: ${editor.skipped}`);
  else {
    console.log(`  nodes rendered in the viewport: ${editor.rendered}`);
    console.log(`  panning:       ${frameSummary(editor.pan)}`);
    console.log(`  dragging node: ${editor.nodeDrag ? frameSummary(editor.nodeDrag) : 'node n5 not on screen'}`);
  }
  if (!pass) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
