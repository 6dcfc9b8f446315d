import { Browser, Page } from 'playwright-core';
import { registerUser, RegisteredUser, TEST_PASSWORD } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, createWorkflow, runWorkflow, waitForExecution } from '../support/workflows';
import { createChannel, FAST_DELIVERY, subscribe } from '../notifications/support/notification-kit';
import { launchChromium, screenshot, seriousA11yViolations, visible } from './browser';

const SIGNING_SECRET = 'a-signing-secret-of-some-length';

describe('web console: notifications (inbox, channels, subscriptions, alert rules)', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let hooks: LocalHttpServer;
  let owner: RegisteredUser;
  let failingId: string;
  const app = (path: string) => `${api.url.replace('127.0.0.1', 'localhost')}/app${path}`;
  const nav = (name: string | RegExp) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  const section = (name: string) => page.getByRole('navigation', { name: 'Notifications sections' }).getByRole('link', { name });

  beforeAll(async () => {
    hooks = await LocalHttpServer.start();
    hooks.route('/hook', () => ({ status: 204 }));
    [api, browser] = await Promise.all([startTestApi({ ...FAST_DELIVERY }, { webConsole: true }), launchChromium()]);
    const server = api.app.getHttpServer();
    owner = await registerUser(server, { name: 'Notified User' });
    const inbox = await createChannel(server, owner.authHeader, { type: 'IN_APP', name: 'My inbox' });
    await subscribe(server, owner.authHeader, inbox.id, 'EXECUTION_FAILED');
    ({ id: failingId } = await createWorkflow(server, owner.authHeader, {
      name: 'Always fails',
      definition: chain({ id: 'stop', type: 'flow.fail', params: { message: 'broken on purpose' } }),
    }));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto(app('/notifications'));
    await page.getByLabel('Email').fill(owner.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await hooks?.close();
  });

  async function noSeriousA11yViolations() {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  it('shows the unread badge live when a failed run notifies the inbox, and marks it read', async () => {
    await visible(page.getByText('No notifications yet'));
    expect(await page.getByTestId('unread-badge').count()).toBe(0);
    await noSeriousA11yViolations();

    const server = api.app.getHttpServer();
    await waitForExecution(server, owner.authHeader, await runWorkflow(server, owner.authHeader, failingId));
    // No reload: the inbox stream (GET /notifications/events) moves the badge and the list at once; the
    // fallback poll is a minute away, so this would time out without the stream.
    await page.getByTestId('unread-badge').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await nav(/^Notifications/).textContent()).toMatch(/1\s*unread/);
    const item = page.getByRole('listitem', { name: /^Unread: / });
    await visible(item);
    await noSeriousA11yViolations();
    await screenshot(page, 'notifications-desktop-light');

    await item.getByRole('button', { name: /^Mark ".*" read$/ }).click();
    await page.getByTestId('unread-badge').waitFor({ state: 'detached' });
    // The badge takes the count from the event itself; the list follows once its refetch lands.
    await page.getByRole('listitem', { name: /^Unread: / }).waitFor({ state: 'detached' });
    await visible(page.getByRole('listitem', { name: /Always fails|failed/i }));
  });

  it('creates a webhook channel and sends a test to a local listener', async () => {
    await section('Channels').click();
    await visible(page.getByRole('heading', { name: 'Notification channels' }));
    await page.getByRole('button', { name: 'New channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'New channel' });
    await dialog.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Webhook' }).click();
    await dialog.getByLabel('Name').fill('Ops hook');
    await dialog.getByLabel('URL').fill(hooks.url('/hook'));
    await dialog.getByLabel('Signing secret').fill(SIGNING_SECRET);
    await noSeriousA11yViolations();
    await dialog.getByRole('button', { name: 'Create channel' }).click();
    await visible(page.getByRole('cell', { name: 'Ops hook' }));
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Send test through Ops hook' }).click();
    await visible(page.getByText('Test sent through "Ops hook"'));
    const received = hooks.requests.filter((r) => r.path === '/hook');
    expect(received).toHaveLength(1);
    expect(received[0].headers['content-type']).toMatch(/json/);
    await noSeriousA11yViolations();
    await screenshot(page, 'channels-desktop-light');
  });

  it('subscribes the channel to an event', async () => {
    await section('Subscriptions').click();
    await visible(page.getByRole('cell', { name: 'My inbox' }));
    await page.getByRole('combobox', { name: 'Channel' }).click();
    await page.getByRole('option', { name: 'Ops hook' }).click();
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await visible(page.getByRole('cell', { name: 'Ops hook' }));
    await noSeriousA11yViolations();
    await screenshot(page, 'subscriptions-desktop-light');
  });

  it('creates an alert rule that shows in the list (never fired yet)', async () => {
    await section('Alert rules').click();
    await visible(page.getByText('No alert rules'));
    await page.getByRole('button', { name: 'New alert rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New alert rule' });
    await dialog.getByLabel('Name').fill('Too many failures');
    await dialog.getByRole('textbox', { name: 'Threshold' }).fill('3');
    await noSeriousA11yViolations();
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    const row = page.getByRole('row', { name: /Too many failures/ });
    await visible(row);
    expect(await row.textContent()).toMatch(/Failed executions > 3 over 15 min.*1 h.*All.*never/);
    await dialog.waitFor({ state: 'detached' }); // mid-fade, its title fails axe's contrast check
    await noSeriousA11yViolations();
    await screenshot(page, 'alert-rules-desktop-light');
  });

  it('fits a phone in dark mode', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const [path, heading, name] of [
      ['/notifications', 'Notifications', 'notifications-phone-dark'],
      ['/notifications/channels', 'Notification channels', 'channels-phone-dark'],
      ['/notifications/alert-rules', 'Alert rules', 'alert-rules-phone-dark'],
    ]) {
      await page.goto(app(path));
      await visible(page.getByRole('heading', { name: heading }));
      await noSeriousA11yViolations();
      await screenshot(page, name);
    }
  });
});
