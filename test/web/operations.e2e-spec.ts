import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { makeAdmin, registerUser, RegisteredUser, TEST_PASSWORD } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, createWorkflow, runWorkflow, waitForExecution } from '../support/workflows';
import { tempDir, writeUploads } from '../backup/support/backup-test-kit';
import { launchChromium, screenshot, seriousA11yViolations, visible } from './browser';

describe('web console: operations (admins) and backups', () => {
  const work = tempDir('wp-web-operations');
  let api: TestApi;
  let browser: Browser;
  let admin: RegisteredUser;
  let user: RegisteredUser;
  const app = (path: string) => `${api.url.replace('127.0.0.1', 'localhost')}/app${path}`;

  beforeAll(async () => {
    await writeUploads(join(work, 'uploads'));
    [api, browser] = await Promise.all([
      startTestApi({ BACKUP_DIR: join(work, 'backups'), UPLOAD_DIR: join(work, 'uploads') }, { webConsole: true }),
      launchChromium(),
    ]);
    const server = api.app.getHttpServer();
    [admin, user] = [await registerUser(server, { name: 'Ops Admin' }), await registerUser(server, { name: 'Plain User' })];
    await makeAdmin(api.app, admin.user.id);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await rm(work, { recursive: true, force: true });
  });

  async function signedIn(who: RegisteredUser, path: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(app(path));
    await page.getByLabel('Email').fill(who.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return { context, page };
  }

  const noSeriousA11yViolations = async (page: Page) => expect(await seriousA11yViolations(page)).toEqual([]);
  const figure = (page: Page, label: string) => page.locator(`[data-figure="${label}"]`);

  describe('as an admin', () => {
    let page: Page;
    beforeAll(async () => ({ page } = await signedIn(admin, '/workflows')));

    it('shows readiness and charts that fill after generated traffic', async () => {
      const server = api.app.getHttpServer();
      const ok = await createWorkflow(server, admin.authHeader, {
        name: 'ops-ok',
        definition: chain({ id: 'x', type: 'data.transform', params: { expression: '1' } }),
      });
      const failing = await createWorkflow(server, admin.authHeader, {
        name: 'ops-fail',
        definition: chain({ id: 'stop', type: 'flow.fail', params: { message: 'broken on purpose' } }),
      });
      for (const id of [ok.id, ok.id, failing.id])
        await waitForExecution(server, admin.authHeader, await runWorkflow(server, admin.authHeader, id));
      for (let i = 0; i < 20; i++) await request(server).get('/workflows').set(admin.authHeader).expect(200);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
      await visible(page.getByRole('heading', { name: 'Operations', level: 1 }));
      await visible(page.getByLabel('PostgreSQL: up'));
      await visible(page.getByLabel('Redis: up'));
      await page.locator('label', { hasText: '15 min' }).click();
      expect(new URL(page.url()).searchParams.get('window')).toBe('15m');
      await figure(page, 'Executions').filter({ hasText: /^3$/ }).waitFor();
      expect(Number(await figure(page, 'Requests').textContent())).toBeGreaterThanOrEqual(20);
      expect(await figure(page, 'Executions failed').textContent()).toBe('33.3%');
      // Recharts drew lines and areas with data in them.
      await page.locator('.recharts-area-area').first().waitFor();
      expect(await page.locator('.recharts-line-curve').count()).toBeGreaterThanOrEqual(6);
      await visible(page.getByRole('region', { name: 'Recent failures' }).getByRole('link'));
      await noSeriousA11yViolations(page);
      await screenshot(page, 'operations-desktop-light');
    });

    it('"Back up now" runs a backup that ends verified; "Verify" checks it again', async () => {
      const section = page.getByRole('navigation', { name: 'Operations sections' });
      await section.getByRole('link', { name: 'Backups' }).click();
      await visible(page.getByText('No backups yet'));
      await page.getByRole('button', { name: 'Back up now' }).click();
      await visible(page.getByText('A backup is running…'));
      const row = page.getByRole('row', { name: /succeeded|failed/i });
      await row.waitFor({ timeout: 30_000 });
      expect(await row.textContent()).toMatch(/succeeded.*manual.*verified/i);
      await row.getByRole('button', { name: /^Verify backup / }).click();
      await visible(page.getByText(/verification passed/));
      await noSeriousA11yViolations(page);
      await screenshot(page, 'backups-desktop-light');
      const { body } = await request(api.app.getHttpServer()).get('/admin/backups').set(admin.authHeader).expect(200);
      expect(body.items).toEqual([
        expect.objectContaining({ status: 'SUCCEEDED', verification: expect.objectContaining({ status: 'PASSED' }) }),
      ]);
    }, 60_000);

    it('fits a phone in dark mode', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.reload();
      await visible(page.getByRole('row', { name: /succeeded/i }));
      await noSeriousA11yViolations(page);
      await screenshot(page, 'backups-phone-dark');
      await page.goto(app('/operations?window=15m'));
      await page.locator('.recharts-area-area').first().waitFor();
      await noSeriousA11yViolations(page);
      await screenshot(page, 'operations-phone-dark');
    });
  });

  describe('as a user who is not an admin', () => {
    it('has no operations screen, and the admin routes refuse with 403', async () => {
      const { page, context } = await signedIn(user, '/operations');
      await visible(page.getByText('Not available'));
      const mainNav = page.getByRole('navigation', { name: 'Main' });
      await visible(mainNav.getByRole('link', { name: 'Executions' }));
      expect(await mainNav.getByRole('link', { name: 'Operations' }).count()).toBe(0);
      await noSeriousA11yViolations(page);
      await context.close();

      const server = api.app.getHttpServer();
      await request(server).get('/admin/backups').set(user.authHeader).expect(403);
      await request(server).post('/admin/backups').set(user.authHeader).expect(403);
      await request(server).get('/monitoring/timeseries').set(user.authHeader).expect(403);
    });
  });
});
