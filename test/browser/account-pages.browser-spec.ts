import { AccountTokensService } from '../../src/auth/account-tokens.service';
import { TransactionService } from '../../src/common/transaction.service';
import { BrowserApp, expectAccessible, signIn, startBrowserApp } from './browser-app';

describe('account pages in headless Chromium', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp();
  });
  afterAll(() => app.close());

  it.each([
    ['en', 1200],
    ['cy', 375],
  ])('forgot-password and the reset link page are accessible (%s, %i px wide)', async (lang, width) => {
    const context = await app.browser.newContext({ baseURL: app.baseUrl, viewport: { width, height: 800 } });
    await context.addCookies([{ name: 'lang', value: lang, url: app.baseUrl }]);
    const page = await context.newPage();
    await page.goto('/forgot-password');
    await expectAccessible(page);
    const [{ id }] = await app.testApp.dataSource.query(
      `SELECT id FROM app_user WHERE email = 'governor@bryn-derw.example'`,
    );
    const token = await app.testApp.app
      .get(TransactionService)
      .run((manager) => app.testApp.app.get(AccountTokensService).issue(manager, Number(id), 'reset'));
    await page.goto(`/reset/${token}`);
    await expectAccessible(page);
    await page.locator('#password').fill('a-brand-new-passphrase');
    await page.locator('#confirm').fill('not the same passphrase');
    await page.locator('main button[type=submit]').click();
    await expect(page.locator('#confirm-error').count()).resolves.toBe(1);
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await context.close();
  });

  it('the signed-in user’s change-password page is accessible', async () => {
    const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
    await page.goto('/account');
    await page.getByRole('link', { name: 'Change your password' }).click();
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await expectAccessible(page);
    await context.close();
  });

  // The walkthrough checks these pages in English at desktop width; here, Welsh at phone width.
  it('the accounts page, with a refused invitation beside its field, is accessible (Welsh, 375 px wide)', async () => {
    const width = 375;
    const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
    await context.addCookies([{ name: 'lang', value: 'cy', url: app.baseUrl }]);
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/accounts');
    await expectAccessible(page);
    await page.locator('#email').fill('not an email');
    await page.locator('#role').selectOption('staff');
    await page.locator('section button[type=submit]').click();
    await expect(page.locator('#email-error').count()).resolves.toBe(1);
    await expect(page.locator('#email').inputValue()).resolves.toBe('not an email');
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await context.close();
  });

  it('the admin pages for DSP accounts and a new school are accessible at phone width', async () => {
    const { context, page } = await signIn(app, 'admin@demo.example');
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of ['/accounts', '/admin/schools/new']) {
      await page.goto(path);
      await expectAccessible(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    }
    await context.close();
  });
});
