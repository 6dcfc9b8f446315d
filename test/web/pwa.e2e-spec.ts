import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, CDPSession, chromium, Page, Request as PwRequest, Worker } from 'playwright-core';
import request from 'supertest';
import { RegisteredUser, registerUser, TEST_PASSWORD } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { createECDH, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateVapidKeys } from '@app/config';
import { chain, createWorkflow, runWorkflow, waitForExecution } from '../support/workflows';
import { launchChromium, screenshot, seriousA11yViolations, visible } from './browser';

/** A stand-in for the Sentry ingest: records every envelope the browser SDK posts. */
class EnvelopeSink {
  readonly envelopes: string[] = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<EnvelopeSink> {
    const server = createServer();
    const sink = new EnvelopeSink(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        sink.envelopes.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Error events: an envelope is a header line, then item header / payload line pairs. */
  events(): { raw: string; event: Record<string, unknown> }[] {
    return this.envelopes.flatMap((raw) => {
      const lines = raw.split('\n');
      const found: { raw: string; event: Record<string, unknown> }[] = [];
      for (let i = 1; i + 1 < lines.length; i += 2)
        if ((JSON.parse(lines[i]) as { type?: string }).type === 'event') found.push({ raw, event: JSON.parse(lines[i + 1]) });
      return found;
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Retries an assertion until it passes (the last failure is thrown after the timeout). */
async function until(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

/**
 * DevTools' offline emulation lets the first requests of a freshly loaded document reach the server and then drops
 * their answers: a session refresh sent that way rotates the cookie while the browser keeps the replaced one, and
 * the next refresh ends the session as a reuse (by design). A real outage reaches nothing, so while the test is
 * "offline" the browser's requests (Host: localhost) are cut at the socket before any handler runs; the test's
 * own supertest calls (Host: 127.0.0.1) pass.
 */
function browserNetworkSwitch(server: Server): { offline: boolean } {
  const state = { offline: false };
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (state.offline && req.headers.host?.startsWith('localhost:')) return void req.socket.destroy();
    for (const handler of handlers) handler.call(server, req, res);
  });
  return state;
}

describe('the console as a PWA in Chromium: install, offline, background sync, push, sign-out, Sentry', () => {
  let api: TestApi;
  let server: Server;
  let browserNetwork: { offline: boolean };
  const workerConsole: string[] = [];
  let sink: EnvelopeSink;
  let browser: Browser;
  let context: BrowserContext;
  let profile: string;
  let page: Page;
  let cdp: CDPSession;
  let alice: RegisteredUser;
  let bob: RegisteredUser;
  let aliceWorkflowId: string;
  let aliceFailingWorkflowId: string;
  let aliceFailedExecutionId: string;
  const vapid = generateVapidKeys();
  const origin = () => api.url.replace('127.0.0.1', 'localhost');
  const app = (path: string) => `${origin()}/app${path}`;

  beforeAll(async () => {
    sink = await EnvelopeSink.start();
    [api, browser] = await Promise.all([
      startTestApi(
        {
          SENTRY_WEB_DSN: `http://publickey@127.0.0.1:${sink.port}/7`,
          VAPID_PUBLIC_KEY: vapid.publicKey,
          VAPID_PRIVATE_KEY: vapid.privateKey,
        },
        { webConsole: true },
      ),
      launchChromium(),
    ]);
    server = api.app.getHttpServer();
    browserNetwork = browserNetworkSwitch(server);
    [alice, bob] = await Promise.all([registerUser(server, { name: 'Alice' }), registerUser(server, { name: 'Bob' })]);
    ({ id: aliceWorkflowId } = await createWorkflow(server, alice.authHeader, {
      name: 'Alice nightly report',
      definition: chain({ id: 'set', type: 'data.set', params: { fields: { a: '1' } } }),
    }));
    await waitForExecution(server, alice.authHeader, await runWorkflow(server, alice.authHeader, aliceWorkflowId));
    ({ id: aliceFailingWorkflowId } = await createWorkflow(server, alice.authHeader, {
      name: 'Alice flaky import',
      definition: chain({ id: 'stop', type: 'flow.fail', params: { message: 'upstream down' } }),
    }));
    aliceFailedExecutionId = await runWorkflow(server, alice.authHeader, aliceFailingWorkflowId);
    await waitForExecution(server, alice.authHeader, aliceFailedExecutionId);
    await createWorkflow(server, bob.authHeader, {
      name: 'Bob invoice sync',
      definition: chain({ id: 'set', type: 'data.set', params: { fields: { b: '2' } } }),
    });
    // A persistent profile: Chromium reports "in-incognito" for the throw-away contexts of browser.newContext().
    profile = mkdtempSync(join(tmpdir(), 'pwa-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
    });
    context.setDefaultTimeout(10_000);
    page = context.pages()[0] ?? (await context.newPage());
    cdp = await context.newCDPSession(page);
    const tracked = (req: PwRequest) => req.url().endsWith('/auth/refresh');
    context.on('request', (req) => tracked(req) && refreshesInFlight.add(req));
    context.on('requestfinished', (req) => refreshesInFlight.delete(req));
    context.on('requestfailed', (req) => refreshesInFlight.delete(req));
    // The worker's console, shown when a push assertion fails.
    const watchWorker = (worker: Worker) => worker.on('console', (message) => workerConsole.push(message.text()));
    context.serviceWorkers().forEach(watchWorker);
    context.on('serviceworker', watchWorker);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await api?.close();
    await sink?.close();
  });

  async function signIn(user: RegisteredUser) {
    await page.goto(app('/sign-in'));
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Workflows' }));
  }

  // Evaluated in the page (the root tsconfig has no DOM lib, so these are strings).
  const controlled = () => page.evaluate('navigator.serviceWorker.controller !== null') as Promise<boolean>;
  const apiCaches = async () => ((await page.evaluate('caches.keys()')) as string[]).filter((name) => name.startsWith('console-api-'));
  afterEach(() => goOnline()); // a failed test must not leave the next ones offline

  /**
   * Cuts the network once no session refresh (page's or worker's) is in flight: a refresh whose answer is
   * lost leaves the browser with the rotated-away cookie, and presenting it again is a reuse that (by design)
   * ends the whole session.
   */
  const refreshesInFlight = new Set<PwRequest>();
  async function goOffline() {
    await until(async () => expect(refreshesInFlight.size).toBe(0));
    browserNetwork.offline = true;
    await context.setOffline(true);
  }

  async function reconnect() {
    browserNetwork.offline = false;
    await context.setOffline(false);
  }

  /** Back online, and wait for the console's session refresh to land before the next cut. */
  async function goOnline() {
    const refreshed = page
      .waitForEvent('requestfinished', { predicate: (req) => req.url().endsWith('/auth/refresh'), timeout: 5_000 })
      .catch(() => null);
    await reconnect();
    await refreshed;
  }

  /** Runs of Alice's nightly report in the executions list (by name, or by id while the names are not loaded). */
  const nightlyRuns = () => page.getByRole('row').filter({ hasText: new RegExp(`Alice nightly report|${aliceWorkflowId.slice(0, 8)}`) });
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  it('serves the manifest, icons and worker with the right headers and a CSP that allows them', async () => {
    const manifest = await request(server).get('/app/manifest.webmanifest').expect(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const body = JSON.parse(manifest.text) as { icons: { src: string; sizes: string; purpose: string }[] };
    expect(body).toMatchObject({ start_url: '/app/', scope: '/app/', id: '/app/', display: 'standalone' });
    expect(body.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual([
      '192x192 any',
      '512x512 any',
      '192x192 maskable',
      '512x512 maskable',
    ]);
    const icon = await request(server).get('/app/icons/icon-512.png').expect(200);
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.headers['cache-control']).toBe('public, max-age=86400');
    const sw = await request(server).get('/app/sw.js').expect(200);
    expect(sw.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['service-worker-allowed']).toBe('/app/');
    expect(sw.text).toContain('/app/index.html'); // the precache list was injected
    expect((await request(server).get('/app/icons/nope.png')).status).toBe(404);
    const csp = (await request(server).get('/app/').expect(200)).headers['content-security-policy'];
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
    expect(csp).toContain(`connect-src 'self' http://127.0.0.1:${sink.port}`);
    const config = await request(server).get('/app/config.json').expect(200);
    expect(config.body).toEqual({
      sentry: { dsn: `http://publickey@127.0.0.1:${sink.port}/7`, environment: 'test', release: expect.any(String) },
    });
  });

  it('is installable (no installability error) and the worker controls the page after the first load', async () => {
    await signIn(alice);
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await until(async () => expect(await controlled()).toBe(true));
    await page.reload();
    await visible(page.getByRole('cell', { name: 'Alice nightly report' }));
    expect(await controlled()).toBe(true);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  });

  it('offline: a reload shows the shell, the last executions list and the offline banner', async () => {
    await nav('Executions').click();
    await visible(page.getByRole('cell', { name: 'MANUAL' }));
    await goOffline();
    await page.reload();
    await visible(page.getByText('You are offline'));
    await visible(page.getByRole('cell', { name: 'MANUAL' }));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'pwa-offline-desktop-light');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload(); // still offline: the worker serves it again, laid out for the phone from the start
    await visible(page.getByText('You are offline'));
    await visible(page.getByRole('cell', { name: 'MANUAL' }));
    await screenshot(page, 'pwa-offline-phone-light');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  /**
   * Loads a console page after going offline. DevTools' offline emulation can stall a POST from a page that
   * was already open when it switched (no such stall without emulation), so the flows start from a fresh load.
   */
  async function openOffline(path: string) {
    await page.goto(app(path));
    await visible(page.getByText('You are offline'));
  }

  it('offline: "Run" is queued and shown pending, then sent once when the connection returns', async () => {
    await goOffline();
    await openOffline('/workflows');
    await page.getByRole('button', { name: 'Run Alice nightly report' }).click();
    const pending = page.getByRole('region', { name: 'Pending requests' });
    await visible(pending.getByText(/Run of Alice nightly report — pending since/));
    await visible(page.getByRole('status').getByText('Pending'));
    await screenshot(page, 'pwa-run-pending-desktop-light');
    const runsBefore = await manualRuns();
    expect(runsBefore).toHaveLength(1);

    // What the worker broadcasts, to show in a failure.
    await page.evaluate("window.__pwa = []; new BroadcastChannel('workflow-console-pwa').onmessage = (e) => window.__pwa.push(e.data)");
    await goOnline();
    await pending.waitFor({ state: 'detached', timeout: 15_000 });
    await until(async () =>
      expect({ runs: (await manualRuns()).length, broadcasts: await page.evaluate('window.__pwa') }).toEqual({
        runs: 2,
        broadcasts: [expect.objectContaining({ type: 'REPLAYED', status: 202 }), { type: 'PENDING_CHANGED', pending: [] }],
      }),
    );
    // A second replay (the sync event and the page may both ask) sends nothing more.
    await page.evaluate("navigator.serviceWorker.controller.postMessage({ type: 'REPLAY' })");
    await nav('Executions').click();
    await until(async () => expect(await nightlyRuns().count()).toBe(2), 10_000);
    expect(await manualRuns()).toHaveLength(2);
  });

  let registrationId: Promise<string> | null = null;
  /** The worker's registration, as the DevTools protocol names it. */
  function swRegistrationId(): Promise<string> {
    registrationId ??= new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${origin()}/app/` && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
      void cdp.send('ServiceWorker.enable');
    });
    return registrationId;
  }

  it('with no tab open, the background sync event sends a queued run with a token the worker refreshed itself', async () => {
    await goOffline();
    await openOffline('/workflows');
    await page.getByRole('button', { name: 'Run Alice nightly report' }).click();
    await visible(page.getByRole('region', { name: 'Pending requests' }));
    await page.goto('about:blank'); // no console tab: nobody lends a token or says "back online"
    await reconnect();
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: origin(),
      registrationId: await swRegistrationId(),
      tag: 'workbox-background-sync:console-runs',
      lastChance: false,
    });
    await until(async () => expect(await manualRuns()).toHaveLength(3), 10_000);
    await page.goto(app('/workflows'));
    await visible(page.getByRole('cell', { name: 'Alice nightly report' }));
    expect(await page.getByRole('region', { name: 'Pending requests' }).count()).toBe(0);
    expect(await manualRuns()).toHaveLength(3);
  });

  it('offline: "Retry" on a failed execution is queued and shown pending, then sent once', async () => {
    const short = aliceFailedExecutionId.slice(0, 8);
    await page.goto(app(`/executions/${aliceFailedExecutionId}`));
    await visible(page.getByRole('button', { name: `Retry execution ${short}` }));
    await goOffline();
    await openOffline(`/executions/${aliceFailedExecutionId}`); // the detail the user saw, from the worker's cache
    await page.getByRole('button', { name: `Retry execution ${short}` }).click();
    await visible(page.getByText(`the retry of ${short} is pending`));
    const pending = page.getByRole('region', { name: 'Pending requests' });
    await visible(pending.getByText(/Retry of execution .* pending since/));
    await screenshot(page, 'pwa-retry-pending-desktop-light');
    expect(await retriesOfFailed()).toHaveLength(0);

    await goOnline();
    await pending.waitFor({ state: 'detached', timeout: 15_000 });
    await until(async () => expect(await retriesOfFailed()).toHaveLength(1));
    await page.evaluate("navigator.serviceWorker.controller.postMessage({ type: 'REPLAY' })");
    await sleep(500);
    expect(await retriesOfFailed()).toHaveLength(1);
  });

  async function retriesOfFailed(): Promise<{ id: string }[]> {
    const res = await request(server).get(`/executions?workflowId=${aliceFailingWorkflowId}`).set(alice.authHeader).expect(200);
    return (res.body.items as { id: string }[]).filter((e) => e.id !== aliceFailedExecutionId);
  }

  it('periodic background sync, with no tab open, refreshes the unread count and the executions list the user last saw', async () => {
    await page.goto('about:blank');
    // Meanwhile, on the server: one more run and one unread notification.
    await waitForExecution(server, alice.authHeader, await runWorkflow(server, alice.authHeader, aliceWorkflowId));
    const channel = await request(server).post('/notifications/channels').set(alice.authHeader).send({ type: 'IN_APP', name: 'inbox' });
    await request(server).post(`/notifications/channels/${channel.body.id}/test`).set(alice.authHeader).expect(200);
    const runs = (await manualRuns()).length;

    const refreshed = (path: string) =>
      context.waitForEvent('requestfinished', { predicate: (req) => !!req.serviceWorker() && req.url() === `${origin()}${path}` });
    const done = Promise.all([refreshed('/notifications/unread-count'), refreshed('/executions?limit=50')]);
    await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', {
      origin: origin(),
      registrationId: await swRegistrationId(),
      tag: 'refresh-inbox',
    });
    await done;

    await goOffline();
    await openOffline('/executions');
    await until(async () => expect(await nightlyRuns().count()).toBe(runs));
    await visible(page.getByTestId('unread-badge'));
    expect(await page.getByTestId('unread-badge').textContent()).toMatch(/^1/);
  });

  async function manualRuns(): Promise<{ id: string }[]> {
    const res = await request(server).get(`/executions?workflowId=${aliceWorkflowId}&trigger=MANUAL`).set(alice.authHeader).expect(200);
    return res.body.items;
  }

  it('push: the worker shows the pushed notification; a synthesized subscription registers', async () => {
    await context.grantPermissions(['notifications'], { origin: origin() });
    const payload = {
      title: 'Workflow failed',
      body: 'Alice nightly report failed',
      url: '/app/executions/x',
      tag: 't1',
      notificationId: 'n1',
    };
    const push = async () =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin: origin(),
        registrationId: await swRegistrationId(),
        data: JSON.stringify(payload),
      });
    const pushedAt = [Date.now()];
    await push();
    await until(async () => {
      const shown = (await page.evaluate(`navigator.serviceWorker.getRegistration('/app/')
        .then((registration) => registration.getNotifications())
        .then((list) => list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data })))`)) as unknown[];
      // Headless Chromium now and then drops a notification the moment it is displayed (the worker's
      // showNotification resolved, yet getNotifications() is empty right after): a fresh push is tried then.
      if (!shown.length && Date.now() - pushedAt[pushedAt.length - 1] > 3_000 && pushedAt.length < 3) {
        pushedAt.push(Date.now());
        await push();
      }
      // The worker's own words ride along, so that a failure shows what the worker did.
      const worker = workerConsole.filter((line) => !line.includes('workbox'));
      expect({ shown, worker }).toEqual({
        shown: [
          {
            title: 'Workflow failed',
            body: 'Alice nightly report failed',
            tag: 't1',
            data: { url: `${origin()}/app/executions/x`, notificationId: 'n1' },
          },
        ],
        worker: shown.length ? worker : ['(what the worker said)'],
      });
    }, 12_000);

    // The subscription route, with what a browser would send (headless Chromium has no push service to subscribe with).
    expect((await request(server).get('/notifications/push/public-key').set(alice.authHeader).expect(200)).body).toEqual({
      publicKey: vapid.publicKey,
    });
    const ecdh = createECDH('prime256v1');
    const subscription = {
      endpoint: `http://127.0.0.1:${sink.port}/push/${randomBytes(8).toString('hex')}`,
      keys: { p256dh: ecdh.generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') },
    };
    const registered = await request(server)
      .post('/notifications/push/subscriptions')
      .set(alice.authHeader)
      .send({ ...subscription, deviceName: 'Chrome on Linux' })
      .expect(201);
    expect(registered.body).toMatchObject({ endpoint: subscription.endpoint, deviceName: 'Chrome on Linux' });

    // The console's button (pushManager.subscribe needs a push service, which this headless Chromium lacks).
    await page.goto(app('/account/sessions'));
    await visible(page.getByRole('button', { name: 'Enable notifications on this device' }));
  });

  it('sign-out clears the cached data: Bob, signing in on the same browser and going offline, never sees Alice’s', async () => {
    await nav('Workflows').click();
    await visible(page.getByRole('cell', { name: 'Alice nightly report' }));
    expect(await apiCaches()).toEqual([`console-api-${alice.user.id}`]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByRole('button', { name: 'Sign in' }));
    expect(await apiCaches()).toEqual([]);

    // Offline and signed out: no session is restored from the worker.
    await goOffline();
    await page.goto(app('/workflows'));
    await visible(page.getByRole('button', { name: 'Sign in' }));
    await reconnect();

    await signIn(bob);
    await visible(page.getByRole('cell', { name: 'Bob invoice sync' }));
    await nav('Executions').click();
    await visible(page.getByText('No executions yet'));
    await goOffline();
    for (const path of ['/workflows', '/executions', `/executions?workflowId=${aliceWorkflowId}`]) {
      await page.goto(app(path));
      await visible(page.getByText('You are offline'));
      await page.waitForLoadState('networkidle');
      expect(await page.getByText('Alice nightly report').count()).toBe(0);
      expect(await page.getByRole('cell', { name: 'MANUAL' }).count()).toBe(0);
    }
    await page.goto(app('/workflows'));
    await visible(page.getByRole('cell', { name: 'Bob invoice sync' }));
    expect(await apiCaches()).toEqual([`console-api-${bob.user.id}`]);
    await goOnline();
  });

  it('browser errors reach Sentry scrubbed: no tokens, no Authorization, no secret query values', async () => {
    await page.goto(app('/workflows?access_token=query-secret-123'));
    await visible(page.getByRole('cell', { name: 'Bob invoice sync' }));
    await until(async () => expect(await page.evaluate(() => '__SENTRY__' in globalThis)).toBe(true));
    await page.evaluate((token) => {
      setTimeout(() => {
        throw new Error(`boom: token=${token} and Bearer ${token}`);
      });
    }, bob.accessToken);
    await until(async () => expect(sink.events().length).toBeGreaterThan(0), 10_000);
    const [{ raw, event }] = sink.events();
    expect(raw).not.toContain(bob.accessToken);
    expect(raw).not.toContain('query-secret-123');
    expect(JSON.stringify((event.exception as { values: unknown[] }).values)).toContain('[redacted]');
    expect((event.request as { url: string }).url).toBe(`${app('/workflows')}?access_token=[redacted]`);
    expect(JSON.stringify(event.request)).not.toMatch(/authorization|cookie/i);
  });

  it('a screen that fails to load shows the friendly fallback and is reported', async () => {
    const blocked = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const tab = await blocked.newPage();
      await tab.goto(`${origin()}/app/sign-in`);
      await tab.getByLabel('Email').fill(bob.email);
      await tab.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await visible(tab.getByRole('heading', { name: 'Workflows' }));
      await tab.route(/\/assets\/sessions-page-[\w-]+\.js$/, (route) => route.abort());
      const before = sink.events().length;
      await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions', exact: true }).click();
      await visible(tab.getByRole('heading', { name: 'Something went wrong' }));
      await visible(tab.getByRole('button', { name: 'Reload' }));
      await screenshot(tab, 'pwa-error-fallback-desktop-light');
      await until(async () => expect(sink.events().length).toBeGreaterThan(before), 10_000);
    } finally {
      await blocked.close();
    }
  });
});
