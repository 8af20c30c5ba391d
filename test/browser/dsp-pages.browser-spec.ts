import { Page } from 'playwright-core';
import { BrowserApp, expectAccessible, signIn, startBrowserApp } from './browser-app';

/** The pages a DSP runs the school from: staff, MIS import, courses, needs audits, change log. */
describe('DSP pages in headless Chromium', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp();
  });
  afterAll(() => app.close());

  const count = async (sql: string): Promise<number> => Number((await app.testApp.dataSource.query(sql))[0].n);

  /** axe-clean at desktop width and at a 375-pixel phone width, with nothing wider than the screen. */
  async function expectAccessibleEverywhere(page: Page): Promise<void> {
    await expectAccessible(page);
    await page.setViewportSize({ width: 375, height: 740 });
    await expectAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect({ url: page.url(), overflow }).toEqual({ url: page.url(), overflow: 0 });
    await page.setViewportSize({ width: 1200, height: 900 });
  }

  async function inWelsh(page: Page, path: string, heading: string): Promise<void> {
    await page.context().addCookies([{ name: 'lang', value: 'cy', url: app.baseUrl }]);
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(heading);
    await expectAccessibleEverywhere(page);
    await page.context().addCookies([{ name: 'lang', value: 'en', url: app.baseUrl }]);
  }

  describe('staff', () => {
    it('adds a member: a refused form keeps what was typed beside the errors and saves nothing', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.getByRole('link', { name: 'Add a member of staff' }).click();
      await expectAccessibleEverywhere(page);
      const before = await count('SELECT COUNT(*) AS n FROM staff_member');
      await page.getByLabel('Name').fill('Gwen Morgan');
      await page.getByLabel('Email address').fill('not an email');
      await page.getByLabel('Start date (YYYY-MM-DD)').fill('2026-02-30');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toContain('There is a problem');
      await expect(page.locator('#email-error').isVisible()).resolves.toBe(true);
      await expect(page.locator('#startDate-error').isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('Name').inputValue()).resolves.toBe('Gwen Morgan');
      await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('not an email');
      await expect(count('SELECT COUNT(*) AS n FROM staff_member')).resolves.toBe(before);
      await expectAccessibleEverywhere(page);

      await page.getByLabel('Email address').fill('gwen.morgan@bryn-derw.example');
      await page.getByLabel('Start date (YYYY-MM-DD)').fill('2026-09-01');
      await page.getByLabel('Job title').fill('Teaching assistant');
      await page.getByLabel('Safeguarding role').selectOption('deputy-dsp');
      await page.getByLabel('Member of the online safety group').check();
      await page.getByLabel('Language for emails').selectOption('cy');
      await page.getByLabel('MIS id (optional)').fill('BD-900');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toBe('Member of staff added.');
      const [stored] = await app.testApp.dataSource.query(
        `SELECT * FROM staff_member WHERE email = 'gwen.morgan@bryn-derw.example'`,
      );
      expect(stored).toMatchObject({
        name: 'Gwen Morgan',
        jobTitle: 'Teaching assistant',
        startDate: '2026-09-01',
        safeguardingRole: 'deputy-dsp',
        language: 'cy',
        misId: 'BD-900',
      });
      expect(Boolean(stored.onlineSafetyGroup)).toBe(true);
      await context.close();
    });

    it('refuses an email another member uses beside the email field', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.goto('/staff/new');
      await page.getByLabel('Name').fill('Second Gwen');
      await page.getByLabel('Email address').fill('gwen.morgan@bryn-derw.example');
      await page.getByLabel('Start date (YYYY-MM-DD)').fill('2026-09-01');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.locator('#email-error').innerText()).resolves.toContain('already exists');
      await expect(count(`SELECT COUNT(*) AS n FROM staff_member WHERE name = 'Second Gwen'`)).resolves.toBe(0);
      await context.close();
    });

    it('edits every field, marks a leaver with a date, lists them apart with their history, and undoes it', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      const [{ id }] = await app.testApp.dataSource.query(
        `SELECT id FROM staff_member WHERE email = 'gwen.morgan@bryn-derw.example'`,
      );
      await page.goto(`/staff/${id}`);
      await page.getByRole('link', { name: 'Edit details' }).click();
      await expectAccessibleEverywhere(page);
      await expect(page.getByLabel('Safeguarding role').inputValue()).resolves.toBe('deputy-dsp');
      await page.getByLabel('Name').fill('Gwen Morgan-Jones');
      await page.getByLabel('Job title').fill('');
      await page.getByLabel('Safeguarding role').selectOption('dsp');
      await page.getByLabel('Member of the online safety group').uncheck();
      await page.getByLabel('Language for emails').selectOption('en');
      await page.getByLabel('MIS id (optional)').fill('');
      await page.getByLabel('Start date (YYYY-MM-DD)').fill('2026-09-02');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toBe('Details saved.');
      const [edited] = await app.testApp.dataSource.query(`SELECT * FROM staff_member WHERE id = ${id}`);
      expect(edited).toMatchObject({
        name: 'Gwen Morgan-Jones',
        jobTitle: null,
        safeguardingRole: 'dsp',
        language: 'en',
        misId: null,
        startDate: '2026-09-02',
      });
      expect(Boolean(edited.onlineSafetyGroup)).toBe(false);

      await page.goto(`/staff/${id}/edit`);
      await page.getByLabel('Leaving date (YYYY-MM-DD)').fill('2026-08-01');
      await page.getByRole('button', { name: 'Mark as a leaver' }).click();
      await expect(page.locator('#leftOn-error').isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('Leaving date (YYYY-MM-DD)').inputValue()).resolves.toBe('2026-08-01');
      await expect(count(`SELECT COUNT(*) AS n FROM staff_member WHERE id = ${id} AND "leftOn" IS NULL`)).resolves.toBe(
        1,
      );
      await page.getByLabel('Leaving date (YYYY-MM-DD)').fill('2026-11-20');
      await page.getByRole('button', { name: 'Mark as a leaver' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toBe('Leaving date saved.');

      await page.goto('/staff/leavers');
      await expectAccessibleEverywhere(page);
      await expect(page.locator('main table').first().innerText()).resolves.toContain('Gwen Morgan-Jones');
      await page.goto('/staff');
      await expect(page.locator('main table').innerText()).resolves.not.toContain('Gwen Morgan-Jones');

      await page.goto(`/staff/${id}/edit`);
      await page.getByRole('button', { name: 'Undo: not a leaver' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toBe('No longer marked as a leaver.');
      await page.goto('/staff/leavers');
      await expect(page.locator('main').innerText()).resolves.not.toContain('Gwen Morgan-Jones');
      await context.close();
    });

    it('keeps a leaver’s training history on their record', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      const [member] = await app.testApp.dataSource.query(
        `SELECT s.id, s.name FROM staff_member s JOIN completion c ON c."staffId" = s.id WHERE s."leftOn" IS NULL ORDER BY s.id LIMIT 1`,
      );
      await page.goto(`/staff/${member.id}/edit`);
      await page.getByLabel('Leaving date (YYYY-MM-DD)').fill('2026-11-01');
      await page.getByRole('button', { name: 'Mark as a leaver' }).click();
      await page.goto('/staff/leavers');
      await page.getByRole('link', { name: member.name }).click();
      await expect(page.locator('main').innerText()).resolves.toContain('Left');
      await expect(page.locator('main table').first().locator('tbody tr').count()).resolves.toBeGreaterThan(0);
      await page.goto(`/staff/${member.id}/edit`);
      await page.getByRole('button', { name: 'Undo: not a leaver' }).click();
      await context.close();
    });

    it('shows the staff pages in Welsh', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await inWelsh(page, '/staff/new', 'Ychwanegu aelod o staff');
      await inWelsh(page, '/staff/2/edit', 'Golygu’r manylion');
      await inWelsh(page, '/staff/leavers', 'Staff sydd wedi gadael');
      await context.close();
    });

    it('refuses a governor every staff form, changing nothing', async () => {
      const { context, page } = await signIn(app, 'governor@bryn-derw.example');
      for (const path of ['/staff/new', '/staff/2/edit', '/staff/leavers']) {
        const response = await page.goto(path);
        expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
      }
      await context.close();
    });
  });
});
