import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output', 'web');

/** Debian's chromium, headless, with a fresh temporary profile (playwright's launch makes one per browser). */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page. The source is evaluated through the DevTools
 * protocol, which the page's CSP does not govern (a <script> tag would be refused, as it should).
 */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; help: string; nodes: string[] }[]> {
  // Fading dialogs and alerts fail the contrast check mid-transition: let finite animations end first.
  await page.evaluate(`new Promise(requestAnimationFrame).then(() => Promise.all(document.getAnimations()
    .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
    .map((a) => a.finished.catch(() => null))))`);
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // Runs in the page; the root tsconfig has no DOM lib, so the page's globals are typed here.
    const page = globalThis as unknown as {
      axe: { run: (context: unknown) => Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const { violations } = await page.axe.run(page.document);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** playwright-core has no expect: wait for the (first) element to show, failing after 10 s. */
export async function visible(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/**
 * Records the page's API answers whose path matches (time since recording, status, from the service
 * worker or not), for a failure message: a live update that never shows says whether the refetch ran.
 */
export function recordResponses(page: Page, path: RegExp): () => string {
  const start = Date.now();
  const lines: string[] = [`recording since ${new Date(start).toUTCString()}`];
  page.on('request', (request) => {
    if (path.test(new URL(request.url()).pathname)) lines.push(`+${Date.now() - start}ms → ${request.method()} ${request.url()}`);
  });
  page.on('response', (response) => {
    if (!path.test(new URL(response.url()).pathname)) return;
    const via = response.fromServiceWorker() ? ' (service worker)' : '';
    // A cached fallback keeps the Date its network answer had: an old one means a stale answer.
    lines.push(`+${Date.now() - start}ms ← ${response.status()} ${response.url()}${via}, answered ${response.headers()['date'] ?? '?'}`);
  });
  page.on('requestfailed', (request) => {
    if (path.test(new URL(request.url()).pathname))
      lines.push(`+${Date.now() - start}ms ✗ ${request.url()} ${request.failure()?.errorText}`);
  });
  return () => lines.join('\n');
}
