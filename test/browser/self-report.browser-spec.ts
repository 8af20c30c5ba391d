import { Page } from 'playwright-core';
import { BrowserApp, expectAccessible, signIn, startBrowserApp } from './browser-app';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const KEEPING_SAFE = 'Keeping safe online: online safety for education practitioners';
const SAFEGUARDING = 'Safeguarding and child protection (all staff)';

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('self-reported training in headless Chromium', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp();
  });
  afterAll(() => app.close());

  it('a member records their own training with a certificate; it waits for the DSP', async () => {
    const { context, page } = await signIn(app, 'rhodri.evans@bryn-derw.example');
    await page.getByRole('link', { name: 'Record my training' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Record my training');
    // The demo's own pending self-report, with the reason column still empty.
    await expect(page.locator('main').innerText()).resolves.toContain(SAFEGUARDING);
    await expectAccessible(page);

    await page.getByLabel('Course').selectOption({ label: KEEPING_SAFE });
    await page.getByLabel('Completed on (YYYY-MM-DD)').fill('2026-11-20');
    await page.getByLabel('Evidence (certificate reference or note)').fill('HWB-KSO-5521');
    await page.getByLabel('Certificate (optional)').setInputFiles({
      name: 'certificate.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.getByRole('button', { name: 'Send to my DSP' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('waits for your DSP');
    const waiting = page.locator('table').first();
    await expect(waiting.innerText()).resolves.toContain(KEEPING_SAFE);
    await expect(waiting.innerText()).resolves.toContain('Waiting for the DSP');
    // Pending never counts: the record still says the training is due soon.
    await page.goto('/me');
    await expect(page.locator('dd .badge').innerText()).resolves.toBe('Due soon');
    await expectAccessible(page);
    await context.close();
  });

  it('shows a wrong file beside its field, in Welsh on a Welsh page, and saves nothing', async () => {
    const { context, page } = await signIn(app, 'rhodri.evans@bryn-derw.example');
    await page.goto('/me/training');
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Cofnodi fy hyfforddiant');
    await page.getByLabel('Cwrs').selectOption({ label: KEEPING_SAFE });
    await page.locator('#completedOn').fill('2026-11-21');
    await page.locator('#certificate').setInputFiles({
      name: 'certificate.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html>not a certificate</html>'),
    });
    await page.getByRole('button', { name: 'Anfon at fy PDD' }).click();
    await expect(page.locator('#certificate-error').innerText()).resolves.toContain(
      'Dewiswch dystysgrif PDF, PNG neu JPEG',
    );
    await expectAccessible(page);
    await page.setViewportSize({ width: 375, height: 740 });
    await expect(horizontalOverflow(page)).resolves.toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await context.close();
  });

  it('the DSP sees the count, opens the certificate, verifies one and rejects one with a reason', async () => {
    const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
    await expect(page.getByRole('link', { name: /To verify 2 waiting/ }).isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: /To verify/ }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Training to verify');
    await expectAccessible(page);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: `Download certificate (Rhodri Evans, ${SAFEGUARDING})` }).click();
    expect((await download).suggestedFilename()).toMatch(/^certificate-\d+\.pdf$/);

    await page.getByRole('button', { name: `Do not accept (Rhodri Evans, ${SAFEGUARDING})` }).click();
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('Say why you cannot accept it');
    await expectAccessible(page);
    await page
      .getByLabel(`Reason, if you do not accept it (Rhodri Evans, ${SAFEGUARDING})`)
      .fill('The certificate names a different course');
    await page.getByRole('button', { name: `Do not accept (Rhodri Evans, ${SAFEGUARDING})` }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('emailed your reason');

    await page.getByRole('button', { name: `Verify (Rhodri Evans, ${KEEPING_SAFE})` }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('it now counts');
    await expect(page.locator('main').innerText()).resolves.toContain('Nothing is waiting to be verified.');
    await expect(page.locator('.nav-count').count()).resolves.toBe(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe("Hyfforddiant i'w wirio");
    await expectAccessible(page);
    await page.setViewportSize({ width: 375, height: 740 });
    await expect(horizontalOverflow(page)).resolves.toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await context.close();
  });

  it('the member then sees the reason, and the verified training counts', async () => {
    const { context, page } = await signIn(app, 'rhodri.evans@bryn-derw.example');
    await page.goto('/me/training');
    await expect(page.locator('main').innerText()).resolves.toContain('The certificate names a different course');
    await expect(page.locator('main').innerText()).resolves.toContain('Not accepted');
    await page.goto('/me');
    await expect(page.locator('dd .badge').innerText()).resolves.toBe('Current');
    await context.close();
  });

  it('a governor reaches neither the list nor a certificate', async () => {
    const { context, page } = await signIn(app, 'governor@bryn-derw.example');
    expect((await page.goto('/verify'))?.status()).toBe(403);
    const [row] = await app.testApp.dataSource.query(`SELECT "completionId" FROM completion_certificate`);
    expect((await page.goto(`/certificates/${row.completionId}`))?.status()).toBe(403);
    await context.close();
  });
});
