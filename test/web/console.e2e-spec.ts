import { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { activate, createWorkflow } from '../support/workflows';
import { launchChromium, screenshot, seriousA11yViolations, visible } from './browser';

const CSP = /default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'.*frame-ancestors 'none'/;

describe('web console: served by the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, { webConsole: true });
  });
  afterAll(() => api?.close());

  it('redirects / to /app/ and answers index.html for every /app path, never cached, with a strict CSP', async () => {
    const server = api.app.getHttpServer();
    expect((await request(server).get('/')).headers.location).toBe('/app/');
    for (const path of ['/app', '/app/', '/app/executions/some-id?x=1']) {
      const res = await request(server).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toMatch(CSP);
      expect(res.text).toContain('<div id="root">');
    }
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec((await request(server).get('/app/')).text)?.[1];
    const res = await request(server).get(asset!).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves the API as it was: routes, health, webhooks and JSON 404s', async () => {
    const server = api.app.getHttpServer();
    expect((await request(server).get('/health/live')).status).toBe(200);
    expect((await request(server).get('/workflows')).status).toBe(401);
    const missing = await request(server).get('/nope').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404 });
    expect((await request(server).get('/assets/nope.js')).status).toBe(404);
    expect((await request(server).post('/webhook/unknown-hook').send({})).status).toBe(404);
    expect((await request(server).get('/application')).status).toBe(404);
  });

  it('answers a clear 503 on /app when the console was not built', async () => {
    const unbuilt = await startTestApi({}, { webConsole: '/nonexistent/web-console' });
    try {
      const res = await request(unbuilt.app.getHttpServer()).get('/app/workflows').expect(503);
      expect(res.body).toMatchObject({ statusCode: 503, message: expect.stringContaining('npm run build:web') });
      expect((await request(unbuilt.app.getHttpServer()).get('/health/live')).status).toBe(200);
    } finally {
      await unbuilt.close();
    }
  });
});

describe('web console in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const email = uniqueEmail('console');
  const app = (path: string) => `${api.url.replace('127.0.0.1', 'localhost')}/app${path}`;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi({}, { webConsole: true }), launchChromium()]);
    // No service worker: page.route() (the forced 429/5xx below) does not see requests a worker answers.
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', serviceWorkers: 'block' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  async function noSeriousA11yViolations() {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  it('signs up and shows the empty workflows list', async () => {
    await page.goto(app('/'));
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Name').fill('Console User');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
    await noSeriousA11yViolations();
    await screenshot(page, 'sign-up-desktop-light');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await visible(page.getByRole('heading', { name: 'Workflows' }));
    await visible(page.getByText('No workflows yet'));
    await noSeriousA11yViolations();
    await screenshot(page, 'workflows-empty-desktop-light');
  });

  it('lists a workflow, then shows its webhook run live and the step output', async () => {
    const server = api.app.getHttpServer();
    const login = await request(server).post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const definition = {
      nodes: [
        { id: 'hook', type: 'trigger.webhook', params: { path: 'console-hook' } },
        { id: 'reply', type: 'flow.respond', params: { status: 200, body: '{ "greeting": "hello " & trigger.body.name }' } },
      ],
      edges: [{ from: 'hook', to: 'reply' }],
    };
    const { id } = await createWorkflow(server, auth, { name: 'Greeter', definition });
    await activate(server, auth, id);
    await page.reload();
    await visible(page.getByRole('cell', { name: 'Greeter' }));
    await noSeriousA11yViolations();
    await screenshot(page, 'workflows-desktop-light');

    await nav('Executions').click();
    await visible(page.getByText('No executions yet'));
    await request(server).post('/webhook/console-hook').send({ name: 'web' }).expect(200);
    // No reload: the SSE stream refreshes the list.
    await visible(page.getByRole('cell', { name: 'WEBHOOK' }));
    await visible(page.getByText('SUCCEEDED'));
    await noSeriousA11yViolations();
    await screenshot(page, 'executions-desktop-light');

    await page.locator('table a').first().click();
    const step = page.getByRole('region', { name: 'Step reply' });
    await step.getByRole('button', { name: /Output/ }).click();
    await visible(step.getByText('hello web'));
    await noSeriousA11yViolations();
    await screenshot(page, 'execution-detail-desktop-light');
  });

  it('keeps the session over a reload, in dark mode and at phone width', async () => {
    const url = page.url();
    await page.reload();
    await visible(page.getByRole('heading', { name: /^Execution / }));
    expect(page.url()).toBe(url);
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await visible(page.getByRole('button', { name: 'Switch to light mode' }));
    await noSeriousA11yViolations();
    await screenshot(page, 'execution-detail-desktop-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await nav('Executions').click();
    await visible(page.getByRole('cell', { name: 'WEBHOOK' }));
    await screenshot(page, 'executions-phone-dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
    await screenshot(page, 'executions-phone-light');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  // The API's list call only, not the console's own /app/workflows page.
  const workflowsApi = (url: URL) => url.pathname === '/workflows';

  it('shows "slow down" with the Retry-After countdown on 429 and the request id with a retry on 5xx', async () => {
    await page.route(workflowsApi, (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '30' },
        json: { statusCode: 429, error: 'Too Many Requests', message: 'Slow down' },
      }),
    );
    await page.goto(app('/workflows?search=a'));
    await visible(page.getByText(/try again in \d+ s/));
    await noSeriousA11yViolations();
    await screenshot(page, 'rate-limited-desktop-light');
    await page.unroute(workflowsApi);

    let failing = true;
    await page.route(workflowsApi, (route) =>
      failing
        ? route.fulfill({ status: 503, headers: { 'X-Request-Id': 'req-from-test-42' }, json: { statusCode: 503, message: 'down' } })
        : route.continue(),
    );
    await page.goto(app('/workflows?search=b'));
    await visible(page.getByText('req-from-test-42'));
    failing = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await visible(page.getByText('Nothing matches these filters.'));
    await page.unroute(workflowsApi);
  });

  it('manages API keys and lists the session', async () => {
    await nav('API keys').click();
    await page.getByLabel('Key name').fill('ci key');
    await page.getByRole('button', { name: 'Create key' }).click();
    await visible(page.getByText('shown only once'));
    await visible(page.getByRole('cell', { name: 'ci key' }));
    await noSeriousA11yViolations();
    await screenshot(page, 'api-keys-desktop-light');
    await page.getByRole('button', { name: 'Revoke ci key' }).click();
    await visible(page.getByText('No API keys'));
    await nav('Sessions').click();
    await visible(page.getByText('this browser'));
    await noSeriousA11yViolations();
  });

  it('signs out; a deep link then asks to sign in and comes back after it', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    await page.goto(app('/executions?status=SUCCEEDED'));
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    expect(new URL(page.url()).searchParams.get('next')).toBe('/executions?status=SUCCEEDED');
    await noSeriousA11yViolations();
    await screenshot(page, 'sign-in-desktop-light');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Executions' }));
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/app/executions?status=SUCCEEDED');
  });
});
