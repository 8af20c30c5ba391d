import AxeBuilder from '@axe-core/playwright';
import { AddressInfo, createServer } from 'node:net';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../utils/create-test-app';

export const DEMO_PASSWORD = 'demo-password-2026';

export interface BrowserApp {
  testApp: TestApp;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** A port nobody is listening on, so the app's own links (APP_URL) can point at it before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The demo school (or an empty instance) served on a free port, and Debian's Chromium,
 * headless, to drive it. Links in its emails (APP_URL) lead to that port; `smtpUrl`
 * sends its emails to a test's SMTP capture.
 */
export async function startBrowserApp(options: { seedDemo?: boolean; smtpUrl?: string } = {}): Promise<BrowserApp> {
  const port = await freePort();
  const env: Record<string, string> = { APP_URL: `http://127.0.0.1:${port}` };
  if (options.smtpUrl) env.SMTP_URL = options.smtpUrl;
  const testApp = await createTestApp({ today: '2026-11-27', seedDemo: options.seedDemo ?? true, env });
  await testApp.app.listen(port, '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    testApp,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await browser.close();
      await testApp.close();
    },
  };
}

export async function signIn(app: BrowserApp, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ baseURL: app.baseUrl, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForLoadState('domcontentloaded');
  return { context, page };
}

/** WCAG 2.2 AA, as UK public bodies must meet: no violation on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const violations = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect({ url: page.url(), violations }).toEqual({ url: page.url(), violations: [] });
}
