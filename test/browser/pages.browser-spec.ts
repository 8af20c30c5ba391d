import { Page } from 'playwright-core';
import { BrowserApp, expectAccessible, signIn, startBrowserApp } from './browser-app';

describe('pages in headless Chromium', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp();
  });
  afterAll(() => app.close());

  async function visitAll(page: Page, paths: string[]): Promise<void> {
    for (const path of paths) {
      const response = await page.goto(path);
      expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
      await expectAccessible(page);
    }
  }

  describe('signing in', () => {
    it('shows an accessible login page and refuses a wrong password beside the form', async () => {
      // axe opens a blank page in the same context, so pages come from a context.
      const context = await app.browser.newContext({ baseURL: app.baseUrl });
      const page = await context.newPage();
      await page.goto('/');
      expect(new URL(page.url()).pathname).toBe('/login');
      await expectAccessible(page);
      await page.getByLabel('Email address').fill('dsp@bryn-derw.example');
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toContain('The email address or password is wrong.');
      await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('dsp@bryn-derw.example');
      await expectAccessible(page);
      await context.close();
    });

    it.each([
      ['dsp@bryn-derw.example', '/staff'],
      ['governor@bryn-derw.example', '/schools/1/summary'],
      ['rhodri.evans@bryn-derw.example', '/staff/29'],
      ['admin@demo.example', '/admin'],
    ])('takes %s to their home page, and logs out', async (email, home) => {
      const { context, page } = await signIn(app, email);
      expect(new URL(page.url()).pathname).toBe(home);
      await expectAccessible(page);
      const cookies = await context.cookies();
      expect(cookies.find((cookie) => cookie.name === 'session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      await page.getByRole('button', { name: 'Log out' }).click();
      expect(new URL(page.url()).pathname).toBe('/login');
      await page.goto(home);
      expect(new URL(page.url()).pathname).toBe('/login');
      await context.close();
    });
  });

  describe('governors', () => {
    it('see the summary, charts and concerns, and save the dashboard screenshot for the README', async () => {
      const { context, page } = await signIn(app, 'governor@bryn-derw.example');
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain('Ysgol Bryn Derw');
      // The status chart and the trend, then one status chart per requirement (six in the demo).
      await expect(page.locator('svg[role=img]').count()).resolves.toBe(8);
      await expect(page.locator('.concern').count()).resolves.toBeGreaterThanOrEqual(5);
      await expect(page.locator('body').innerText()).resolves.not.toContain('Bethan Davies');
      await page.screenshot({ path: 'docs/governors-dashboard.png', fullPage: true });
      await visitAll(page, ['/schools/1/summary', '/schools/1/report']);
      const csv = await page.request.get('/schools/1/compliance.csv');
      expect(csv.status()).toBe(200);
      const body = await csv.body();
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // Unnamed rows: nothing that picks out one person (no role, no DSP-only column).
      const header = body.subarray(3).toString('utf8').split('\r\n')[0];
      expect(header.startsWith('Training status,Online safety training expiry date,')).toBe(true);
      expect(header).not.toContain('Safeguarding role');
      expect(header).not.toContain('Advanced DSP');
      await context.close();
    });

    it('see each requirement (applies, current, percent) and its status chart, on summary and report', async () => {
      const { context, page } = await signIn(app, 'governor@bryn-derw.example');
      const table = page.getByRole('table', { name: 'Training by requirement' });
      await expect(table.locator('tbody tr').count()).resolves.toBe(6);
      // Filtering and monitoring: Aled Jones and Bethan Davies (senior leaders), Carys Williams (filtering lead).
      await expect(table.getByRole('row').filter({ hasText: 'Filtering and monitoring' }).innerText()).resolves.toMatch(
        /^Filtering and monitoring\s+3\s+\d\s+\d+(\.\d)?%$/,
      );
      await expect(table.getByRole('row').filter({ hasText: 'DSP advanced training' }).innerText()).resolves.toMatch(
        /^DSP advanced training\s+2\s/,
      );
      // The headline figure is the online-safety requirement's, as before.
      const headline = await page.locator('.figure dd').first().innerText();
      await expect(table.locator('tbody tr').first().innerText()).resolves.toMatch(
        new RegExp(`^Online safety\\s+\\d+\\s+\\d+\\s+${headline.replace('.', '\\.')}$`),
      );
      await expect(page.getByRole('heading', { name: 'Statuses: DSP advanced training' }).count()).resolves.toBe(1);
      await page.locator('.requirements-table').screenshot({ path: 'docs/requirements-table.png' });
      await page.goto('/schools/1/report');
      await expect(
        page.getByRole('table', { name: 'Training by requirement' }).locator('tbody tr').count(),
      ).resolves.toBe(6);
      await expect(page.getByRole('heading', { name: /^Statuses: / }).count()).resolves.toBe(6);
      await expectAccessible(page);
      await context.close();
    });

    it('print the report on A4 with no navigation', async () => {
      const { context, page } = await signIn(app, 'governor@bryn-derw.example');
      await page.goto('/schools/1/report');
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      await context.close();
    });

    it('reach no write form: no links, 403 pages, and 403 when posting directly', async () => {
      const { context, page } = await signIn(app, 'governor@bryn-derw.example');
      const links = await page
        .locator('nav a')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
      expect(links.filter((href) => /completions|sessions|import|settings|requirements/.test(href ?? ''))).toEqual([]);
      for (const path of [
        '/completions/new',
        '/sessions/new',
        '/import',
        '/settings',
        '/requirements',
        '/staff',
        '/staff/2',
      ]) {
        const response = await page.goto(path);
        expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
      }
      await page.goto('/schools/1/summary');
      const csrf = await page.locator('input[name=_csrf]').first().inputValue();
      const before = await app.testApp.dataSource.query('SELECT COUNT(*) AS n FROM completion');
      const post = await page.request.post('/completions/new', {
        form: { _csrf: csrf, staffId: '36', courseId: '1', completedOn: '2026-11-20' },
      });
      expect(post.status()).toBe(403);
      const settings = await page.request.post('/settings', { form: { _csrf: csrf, dueSoonDays: '5' } });
      expect(settings.status()).toBe(403);
      await expect(app.testApp.dataSource.query('SELECT COUNT(*) AS n FROM completion')).resolves.toEqual(before);
      await context.close();
    });
  });

  describe('the DSP', () => {
    it('reaches every page, each free of accessibility violations', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await visitAll(page, [
        '/staff',
        '/staff?status=lapsed',
        '/staff/2',
        '/concerns',
        '/completions/new',
        '/sessions/new',
        '/import',
        '/courses',
        '/settings',
        '/schools/1/summary',
        '/schools/1/report',
      ]);
      await context.close();
    });

    it('filters the staff list by status', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.getByLabel('Show').selectOption('never');
      await page.getByRole('button', { name: 'Filter' }).click();
      const rows = page.locator('tbody tr');
      await expect(rows.count()).resolves.toBe(2);
      await expect(rows.allInnerTexts()).resolves.toEqual([
        expect.stringContaining('Delyth Price'),
        expect.stringContaining('Emyr Owen'),
      ]);
      await context.close();
    });

    it('records a completion and sees the status change from never trained to current', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.goto('/staff?status=never');
      await page.getByRole('link', { name: 'Delyth Price' }).click();
      await expect(page.locator('.badge').first().innerText()).resolves.toBe('Never trained');
      await page.getByRole('link', { name: 'Record a completion' }).last().click();
      await page
        .getByLabel('Course')
        .selectOption({ label: 'Keeping safe online: online safety for education practitioners' });
      await page.getByLabel('Completed on').fill('2026-11-26');
      await page.getByLabel('Evidence').fill('HWB-CERT-77');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('Completion recorded.');
      await expect(page.locator('dd .badge').innerText()).resolves.toBe('Current');
      await expect(page.getByRole('cell', { name: 'HWB-CERT-77' }).count()).resolves.toBe(1);
      await context.close();
    });

    it('shows form errors beside the field, keeps what was typed, and saves nothing', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      const before = await app.testApp.dataSource.query('SELECT COUNT(*) AS n FROM completion');
      await page.goto('/completions/new');
      await page.getByLabel('Staff member').selectOption({ label: 'Emyr Owen' });
      await page.getByLabel('Course').selectOption({ index: 1 });
      await page.getByLabel('Completed on').fill('2026-02-30');
      await page.getByLabel('Evidence').fill('typed evidence');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.locator('#completedOn-error').innerText()).resolves.toContain(
        'Enter a real date as YYYY-MM-DD',
      );
      await expect(page.getByLabel('Completed on').inputValue()).resolves.toBe('2026-02-30');
      await expect(page.getByLabel('Evidence').inputValue()).resolves.toBe('typed evidence');
      await expect(page.getByLabel('Staff member').inputValue()).resolves.not.toBe('');
      await expectAccessible(page);
      await expect(app.testApp.dataSource.query('SELECT COUNT(*) AS n FROM completion')).resolves.toEqual(before);
      await context.close();
    });

    it('records one training session for several staff at once', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.goto('/sessions/new');
      await page
        .getByLabel('Course')
        .selectOption({ label: 'Responding to online sexual harassment between learners' });
      await page.getByLabel('Completed on').fill('2026-11-25');
      for (const name of ['Alun Lewis', 'Branwen Morgan', 'Cerys Griffiths'])
        await page.getByLabel(name, { exact: false }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('3 completions recorded.');
      await page.goto('/staff?status=lapsed');
      await expect(page.locator('tbody tr').count()).resolves.toBe(0);
      await context.close();
    });

    it('previews a CSV import, rejects a file with a bad row whole, then imports a good one', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      const before = await app.testApp.dataSource.query('SELECT COUNT(*) AS n FROM completion');
      await page.goto('/import');
      const bad =
        'email,course,completed_on,evidence\ngwen.rees@bryn-derw.example,Keeping safe online: ' +
        'online safety for education ' +
        'practitioners,2026-11-20,C1\nnobody@bryn-derw.example,Keeping safe online: online ' +
        'safety for education practitioners,2026-11-20,C2\n';
      await page
        .getByLabel('CSV file')
        .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.getByRole('button', { name: 'Check the file' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Nothing was imported');
      await expect(page.getByRole('alert').innerText()).resolves.toContain('nobody@bryn-derw.example');
      await expect(page.getByRole('button', { name: /Import \d+ rows?/ }).count()).resolves.toBe(0);
      await expectAccessible(page);
      await expect(app.testApp.dataSource.query('SELECT COUNT(*) AS n FROM completion')).resolves.toEqual(before);

      const good = bad.split('\n').slice(0, 2).join('\n') + '\n';
      await page
        .getByLabel('CSV file')
        .setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await page.getByRole('button', { name: 'Check the file' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('The 1 row is correct');
      await expect(app.testApp.dataSource.query('SELECT COUNT(*) AS n FROM completion')).resolves.toEqual(before);
      await page.getByRole('button', { name: 'Import 1 row' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('1 completion imported.');
      const [after] = await app.testApp.dataSource.query('SELECT COUNT(*) AS n FROM completion');
      expect(Number(after.n)).toBe(Number(before[0].n) + 1);
      await context.close();
    });

    it('saves settings and shows a bad value beside its field', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.goto('/settings');
      await page.getByLabel('Due soon (days before expiry)').fill('400');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.locator('#dueSoonDays-error').innerText()).resolves.toContain(
        'Enter a whole number of days from 0 to 365.',
      );
      await expect(page.getByLabel('Due soon (days before expiry)').inputValue()).resolves.toBe('400');
      await page.getByLabel('Due soon (days before expiry)').fill('30');
      await page.getByLabel('Filtering and monitoring last reviewed (YYYY-MM-DD)').fill('2026-11-01');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('Saved.');
      await page.goto('/concerns');
      await expect(page.getByRole('heading', { name: /Filtering and monitoring not reviewed/ }).count()).resolves.toBe(
        0,
      );
      await context.close();
    });
  });

  describe('staff', () => {
    it('see their own record and what is due, and no one else’s', async () => {
      const { context, page } = await signIn(app, 'rhodri.evans@bryn-derw.example');
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Rhodri Evans');
      await expect(page.locator('dd .badge').innerText()).resolves.toBe('Due soon');
      await expect(page.locator('main').innerText()).resolves.toContain('Online safety training expires on');
      // Another member's record is outside their scope: 404, exactly like an id that does not exist.
      expect((await page.goto('/staff/2'))?.status()).toBe(404);
      expect((await page.goto('/staff'))?.status()).toBe(403);
      await context.close();
    });
  });

  describe('on a phone', () => {
    it('fits every page to a 375-pixel screen without sideways scrolling', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.setViewportSize({ width: 375, height: 740 });
      for (const path of [
        '/staff',
        '/staff/2',
        '/completions/new',
        '/sessions/new',
        '/settings',
        '/requirements',
        '/requirements/new',
        '/schools/1/summary',
        '/schools/1/report',
      ]) {
        await page.goto(path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ path, overflow }).toEqual({ path, overflow: 0 });
      }
      await context.close();
    });
  });

  describe('Welsh', () => {
    it('switches every page to Welsh and remembers the choice', async () => {
      const { context, page } = await signIn(app, 'governor@bryn-derw.example');
      await page.getByRole('button', { name: 'Cymraeg' }).click();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('cy');
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain('Crynodeb cydymffurfiaeth');
      await expect(page.locator('main').innerText()).resolves.toContain('Ar 27 Tachwedd 2026');
      await expect(
        page.getByRole('table', { name: 'Hyfforddiant fesul gofyniad' }).locator('tbody th').first().innerText(),
      ).resolves.toBe('Diogelwch ar-lein');
      await expectAccessible(page);
      await page.goto('/schools/1/report');
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(
        'adroddiad i’r corff llywodraethu',
      );
      await page.getByRole('button', { name: 'Allgofnodi' }).click();
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Mewngofnodi');
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Log in');
      await context.close();
    });

    it('shows a DSP’s pages in Welsh too', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.getByRole('button', { name: 'Cymraeg' }).click();
      await visitAll(page, [
        '/staff',
        '/concerns',
        '/completions/new',
        '/sessions/new',
        '/import',
        '/courses',
        '/settings',
        '/staff/1',
      ]);
      await expect(page.locator('main').innerText()).resolves.toContain('Hyfforddiant a gwblhawyd');
      await page.goto('/completions/new');
      await page.getByLabel('Cwblhawyd ar (BBBB-MM-DD)').fill('2026-02-30');
      await page.getByRole('button', { name: 'Cadw' }).click();
      await expect(page.locator('#completedOn-error').innerText()).resolves.toContain(
        'Rhowch ddyddiad go iawn ar ffurf BBBB-MM-DD',
      );
      await expect(page.locator('#staffId-error').innerText()).resolves.toContain('Dewiswch aelod o staff');
      await expectAccessible(page);
      await context.close();
    });
  });
});
