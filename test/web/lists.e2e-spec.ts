import { Server } from 'node:http';
import { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { registerUser, TEST_PASSWORD } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { activate, AuthHeader, chain, createWorkflow, eventually, runWorkflow, waitForExecution } from '../support/workflows';
import { launchChromium, screenshot, seriousA11yViolations, visible } from './browser';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const setField = (v: string) => chain({ id: 'out', type: 'data.set', params: { fields: { v } } });
const failing = chain({ id: 'boom', type: 'data.set', params: { fields: { v: '$error("boom")' } } });
const waiting = chain({ id: 'approve', type: 'flow.waitForCallback', params: { timeoutSeconds: 3600 } });

/** The API's own list calls, not the console's /app/... pages. */
const apiPath = (path: string) => (url: URL) => url.pathname === path;

describe('console lists, execution detail, version history and error states (Chromium)', () => {
  let api: TestApi;
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let auth: AuthHeader;
  let email: string;
  const ids: Record<string, string> = {};
  const app = (path: string) => `${api.url.replace('127.0.0.1', 'localhost')}/app${path}`;

  async function noSeriousA11yViolations() {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  /** Desktop and phone screenshots; at phone width the page itself never scrolls sideways (tables scroll inside). */
  async function shoot(name: string) {
    await screenshot(page, `${name}-desktop`);
    await page.setViewportSize(PHONE);
    try {
      // The navigation slides away at phone width: shoot once it has.
      await page.waitForFunction(() => {
        const nav = (
          globalThis as unknown as { document: { querySelector: (s: string) => { getBoundingClientRect: () => { right: number } } } }
        ).document.querySelector('nav[aria-label="Main"]');
        return nav.getBoundingClientRect().right <= 0;
      });
      await screenshot(page, `${name}-phone`);
      const overflow = await page.evaluate(() => {
        const { document, innerWidth } = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } };
          innerWidth: number;
        };
        return document.documentElement.scrollWidth - innerWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  }

  const clipboardText = () =>
    page.evaluate(() =>
      (globalThis as unknown as { navigator: { clipboard: { readText: () => Promise<string> } } }).navigator.clipboard.readText(),
    );

  async function signIn() {
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    await page.getByLabel('Email').fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi({}, { webConsole: true }), launchChromium()]);
    server = api.app.getHttpServer();
    const user = await registerUser(server);
    ({ authHeader: auth, email } = user);

    ids.billing = (await createWorkflow(server, auth, { name: 'Billing sync', tags: ['billing'], definition: setField('1') })).id;
    ids.nightly = (await createWorkflow(server, auth, { name: 'Nightly report', tags: ['nightly'], definition: failing })).id;
    ids.approval = (await createWorkflow(server, auth, { name: 'Approval gate', tags: ['ops'], definition: waiting })).id;
    ids.idle = (await createWorkflow(server, auth, { name: 'Idle draft', tags: ['ops'], definition: setField('2') })).id;
    await activate(server, auth, ids.billing);
    for (let i = 0; i < 3; i++) ids.billingRun = await runAndWait(ids.billing);
    for (let i = 0; i < 2; i++) ids.failedRun = await runAndWait(ids.nightly);
    ids.waitingRun = await runWorkflow(server, auth, ids.approval);
    await waitForExecution(server, auth, ids.waitingRun, ['RUNNING']);
    await request(server)
      .patch(`/workflows/${ids.idle}`)
      .set(auth)
      .send({
        definition: chain(
          { id: 'out', type: 'data.set', params: { fields: { v: '3', w: '"new"' } } },
          { id: 'extra', type: 'data.set', params: { fields: { done: 'true' } } },
        ),
      })
      .expect(200);

    context = await browser.newContext({
      viewport: DESKTOP,
      colorScheme: 'light',
      permissions: ['clipboard-read', 'clipboard-write'],
      // page.route() does not see requests a service worker makes; the forced 429/5xx answers need it out of the way.
      serviceWorkers: 'block',
    });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto(app('/workflows'));
    await signIn();
    await visible(page.getByRole('heading', { name: 'Workflows' }));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function runAndWait(workflowId: string): Promise<string> {
    const id = await runWorkflow(server, auth, workflowId);
    await waitForExecution(server, auth, id);
    return id;
  }

  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

  /** Waits until the table lists exactly these workflows (a list keeps the previous answer on screen while it refetches). */
  async function rowsAre(names: string[]) {
    const links = page.getByRole('table').getByRole('link', { name: /^[A-Z][a-z]+ [a-z]+$/ });
    await eventually(`rows ${names.join(', ')}`, async () => JSON.stringify(await links.allTextContents()) === JSON.stringify(names));
  }

  it('workflows: last run, run history and the search, tag and status filters', async () => {
    await visible(row('Billing sync'));
    const billing = row('Billing sync');
    await visible(billing.getByText('SUCCEEDED'));
    expect(await billing.locator('[data-status="SUCCEEDED"]').count()).toBe(3);
    await visible(billing.getByRole('link', { name: 'Last 3 runs of Billing sync: 3 succeeded' }));
    const nightly = row('Nightly report');
    await visible(nightly.getByText('FAILED'));
    expect(await nightly.locator('[data-status="FAILED"]').count()).toBe(2);
    await visible(row('Idle draft').getByText('never run'));
    await visible(row('Idle draft').getByRole('link', { name: 'Version history of Idle draft' }));
    await noSeriousA11yViolations();
    await shoot('workflows-list');

    await billing.getByRole('button', { name: 'Show workflows tagged billing' }).click();
    await page.waitForURL(/tag=billing/);
    await rowsAre(['Billing sync']);

    await page.goto(app('/workflows'));
    await page.getByLabel('Search').fill('nightly');
    await page.waitForURL(/search=nightly/);
    await rowsAre(['Nightly report']);

    await page.goto(app('/workflows'));
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Active', exact: true }).click();
    await page.waitForURL(/status=ACTIVE/);
    await rowsAre(['Billing sync']);

    await page.goto(app('/workflows?tag=ops&search=zzz'));
    await visible(page.getByText('Nothing matches these filters.'));
  });

  it('executions: workflow, status, trigger and time range filters in the URL; retry and cancel with feedback', async () => {
    await page.goto(app(`/executions?workflowId=${ids.nightly}&status=FAILED`));
    await visible(page.getByRole('cell', { name: 'Nightly report' }));
    expect(await page.getByRole('row').count()).toBe(3);
    await visible(page.getByRole('button', { name: /^Retry execution / }));
    await noSeriousA11yViolations();

    await page
      .getByRole('button', { name: /^Retry execution / })
      .first()
      .click();
    await visible(page.getByRole('status').getByText(/queued as execution/));
    // The retry runs, fails like the original and appears without a reload (live list).
    await visible(page.getByRole('cell', { name: 'RETRY', exact: true }));

    await page.goto(app(`/executions?workflowId=${ids.approval}`));
    await visible(page.getByText('RUNNING'));
    await shoot('executions-list');
    await page.getByRole('button', { name: `Cancel execution ${ids.waitingRun.slice(0, 8)}` }).click();
    await visible(page.getByRole('status').getByText(`Execution ${ids.waitingRun.slice(0, 8)} cancelled.`));
    await visible(page.getByText('CANCELLED'));

    await page.goto(app('/executions?trigger=MANUAL'));
    await visible(page.getByRole('cell', { name: 'Billing sync' }));
    expect(await page.getByRole('cell', { name: 'RETRY', exact: true }).count()).toBe(0);

    await page.getByLabel('From').fill('2099-01-01T00:00');
    await page.waitForURL(/from=2099/);
    await visible(page.getByText('No matching executions'));
    const from = new Date(Date.now() + 3_600_000).toISOString();
    const to = new Date(Date.now() - 3_600_000).toISOString();
    await page.goto(app(`/executions?from=${from}&to=${to}`));
    await visible(page.getByText('Must be after From'));
    await visible(page.getByText('from must not be after to'));
  });

  it('execution detail: waterfall of the steps and JSON with copy; cancel and retry from the page', async () => {
    await page.goto(app(`/executions/${ids.billingRun}`));
    await visible(page.getByRole('region', { name: 'Step timeline' }));
    await visible(page.getByTestId('timeline-start'));
    await visible(page.getByRole('listitem', { name: /^out: succeeded, started at \+.+, took / }));
    const step = page.getByRole('region', { name: 'Step out' });
    await step.getByRole('button', { name: /Output/ }).click();
    await visible(step.getByText('"v": 1'));
    await step.getByRole('button', { name: 'Copy output JSON' }).click();
    await visible(step.getByRole('button', { name: 'Copy output JSON' }).getByText('Copied'));
    expect(await clipboardText()).toContain('"v": 1');
    await noSeriousA11yViolations();
    await shoot('execution-detail');

    const live = await runWorkflow(server, auth, ids.approval);
    await waitForExecution(server, auth, live, ['RUNNING']);
    await page.goto(app(`/executions/${live}`));
    await visible(page.getByRole('listitem', { name: /^approve: running/ }));
    await page.getByRole('button', { name: `Cancel execution ${live.slice(0, 8)}` }).click();
    await visible(page.getByRole('status').getByText('cancelled'));
    await page.getByRole('button', { name: `Retry execution ${live.slice(0, 8)}` }).click();
    await visible(page.getByRole('status').getByText(/queued as execution/));
    await page.getByRole('status').getByRole('link', { name: 'Open it' }).click();
    await visible(page.getByText('Trigger RETRY'));
  });

  it('version history: side-by-side diff of two versions, then restore one with confirmation', async () => {
    await page.goto(app('/workflows'));
    await row('Idle draft').getByRole('link', { name: 'Version history of Idle draft' }).click();
    await visible(page.getByRole('heading', { name: 'Version history: Idle draft' }));
    await visible(page.getByTestId('diff-summary').getByText('Nodes: 1 added, 0 removed, 1 changed · Edges: 1 added, 0 removed'));
    const diff = page.getByTestId('version-diff');
    await visible(diff.locator('[data-kind="removed"]'));
    await visible(diff.locator('[data-kind="added"][data-side="right"]').filter({ hasText: '"extra"' }));
    await noSeriousA11yViolations();
    await shoot('versions-diff');
    await page.emulateMedia({ colorScheme: 'dark' });
    await noSeriousA11yViolations();
    await screenshot(page, 'versions-diff-desktop-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('button', { name: 'Restore version 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore version 1?' });
    await dialog.getByRole('button', { name: 'Restore version 1' }).click();
    await visible(page.getByRole('status').getByText('Version 1 restored as version 3.'));
    await visible(page.getByRole('row').filter({ hasText: 'v3' }).getByText('current'));
    await dialog.waitFor({ state: 'detached' }); // its closing transition still covers the table for a moment
    // v3 equals v1: comparing them shows nothing changed.
    // click, not check(): the URL update is a router transition, so the radio turns checked a frame later.
    await page.getByRole('radio', { name: 'Compare version 1 on the left' }).click();
    await visible(page.getByText('Version 1 (left) compared with Version 3 (right): identical'));
  });

  it('429 shows "slow down" with the Retry-After countdown; 5xx the request id and a retry that works', async () => {
    await page.route(apiPath('/executions'), (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '30' },
        json: { statusCode: 429, error: 'Too Many Requests', message: 'Slow down' },
      }),
    );
    await page.goto(app('/executions?status=SUCCEEDED'));
    await visible(page.getByRole('alert').getByText('Slow down'));
    await visible(page.getByText(/try again in (30|29|28) s/));
    expect(await page.getByRole('button', { name: 'Retry' }).isDisabled()).toBe(true);
    await noSeriousA11yViolations();
    await shoot('state-429');
    await page.unroute(apiPath('/executions'));

    let failing = true;
    await page.route(apiPath('/executions'), (route) =>
      failing
        ? route.fulfill({ status: 503, headers: { 'X-Request-Id': 'req-lists-503' }, json: { statusCode: 503, message: 'down' } })
        : route.continue(),
    );
    await page.goto(app('/executions?status=SUCCEEDED'));
    await visible(page.getByText('req-lists-503'));
    await visible(page.getByText('The server answered 503'));
    await noSeriousA11yViolations();
    await shoot('state-5xx');
    failing = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await visible(page.getByRole('cell', { name: 'Billing sync' }));
    await page.unroute(apiPath('/executions'));
  });

  it('401 (session revoked elsewhere): sign in again and come back to the same page; the new API key has a copy button', async () => {
    const sessions = await request(server).get('/auth/sessions').set(auth).expect(200);
    expect(sessions.body.length).toBeGreaterThan(0);
    for (const session of sessions.body as { id: string }[])
      await request(server).delete(`/auth/sessions/${session.id}`).set(auth).expect(204);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys', exact: true }).click();
    await signIn();
    await visible(page.getByRole('heading', { name: 'API keys' }));
    expect(new URL(page.url()).pathname).toBe('/app/account/api-keys');

    await page.getByLabel('Key name').fill('deploy key');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('new-api-key').textContent())?.trim();
    await page.getByRole('button', { name: 'Copy API key' }).click();
    await visible(page.getByRole('button', { name: 'Copy API key' }).getByText('Copied'));
    expect(await clipboardText()).toBe(secret);
    await noSeriousA11yViolations();
  });
});
