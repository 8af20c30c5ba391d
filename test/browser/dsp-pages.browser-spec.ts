import { Page } from 'playwright-core';
import { ChangeLogService } from '../../src/change-log/change-log.service';
import { BrowserApp, expectAccessible, signIn, startBrowserApp } from './browser-app';

/**
 * The pages a DSP runs the school from: staff, MIS import, courses, needs audits, change log, training requirements.
 */
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
      await page.getByLabel('Senior leader', { exact: true }).check();
      await page.getByLabel('Filtering lead (responsible for filtering and monitoring)').check();
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
      expect([Boolean(stored.seniorLeader), Boolean(stored.filteringLead)]).toEqual([true, true]);
      await context.close();
    });

    it('refuses an email another member uses beside the email field', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.goto('/staff/new');
      await page.getByLabel('Name').fill('Second Gwen');
      await page.getByLabel('Email address').fill('gwen.morgan@bryn-derw.example');
      await page.getByLabel('Start date (YYYY-MM-DD)').fill('2026-09-01');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.locator('#email-error').innerText()).resolves.toContain('already has this email address');
      await expect(count(`SELECT COUNT(*) AS n FROM staff_member WHERE name = 'Second Gwen'`)).resolves.toBe(0);
      await context.close();
    });

    it(
      'edits every field, marks a leaver with a date, lists them apart with their history, ' + 'and undoes it',
      async () => {
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
        await expect(page.getByLabel('Senior leader', { exact: true }).isChecked()).resolves.toBe(true);
        await page.getByLabel('Filtering lead (responsible for filtering and monitoring)').uncheck();
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
        expect([Boolean(edited.seniorLeader), Boolean(edited.filteringLead)]).toEqual([true, false]);

        await page.goto(`/staff/${id}/edit`);
        await page.getByLabel('Leaving date (YYYY-MM-DD)').fill('2026-08-01');
        await page.getByRole('button', { name: 'Mark as a leaver' }).click();
        await expect(page.locator('#leftOn-error').isVisible()).resolves.toBe(true);
        await expect(page.getByLabel('Leaving date (YYYY-MM-DD)').inputValue()).resolves.toBe('2026-08-01');
        await expect(
          count(`SELECT COUNT(*) AS n FROM staff_member WHERE id = ${id} AND "leftOn" IS NULL`),
        ).resolves.toBe(1);
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
      },
    );

    it('keeps a leaver’s training history on their record', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      const [member] = await app.testApp.dataSource.query(
        `SELECT s.id, s.name FROM staff_member s JOIN completion c ON c."staffId" = s.id WHERE ` +
          `s."leftOn" IS NULL ORDER BY s.id LIMIT 1`,
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

    it(
      'adds a member with an invitation to see their own record: a staff account linked to ' +
        'them, and a single-use link',
      async () => {
        const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
        await page.goto('/staff/new');
        await page.getByLabel('Name').fill('Iwan Roberts');
        await page.getByLabel('Email address').fill('iwan.roberts@bryn-derw.example');
        await page.getByLabel('Start date (YYYY-MM-DD)').fill('2026-11-02');
        await page.getByLabel('Invite them to see their own record').check();
        await page.getByRole('button', { name: 'Save' }).click();
        await expect(page.getByRole('status').innerText()).resolves.toContain(
          'invited by email to see their own record',
        );
        const [member] = await app.testApp.dataSource.query(
          `SELECT id FROM staff_member WHERE email = 'iwan.roberts@bryn-derw.example'`,
        );
        const [account] = await app.testApp.dataSource.query(
          `SELECT id, role, "staffId" FROM app_user WHERE email = 'iwan.roberts@bryn-derw.example'`,
        );
        expect(account).toMatchObject({ role: 'staff', staffId: member.id });
        await expect(count(`SELECT COUNT(*) AS n FROM account_token WHERE "userId" = ${account.id}`)).resolves.toBe(1);
        await context.close();
      },
    );

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

  describe('staff import from the MIS', () => {
    const upload = (page: Page, csv: string) =>
      page
        .getByLabel('Staff list (CSV file)')
        .setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    it('lists every bad row with its line and field, and saves nothing', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.goto('/staff');
      await page.getByRole('link', { name: 'Import staff from the MIS' }).click();
      await expectAccessibleEverywhere(page);
      const before = await count('SELECT COUNT(*) AS n FROM staff_member');
      await upload(
        page,
        'Email,First Name,Last Name,Start ' +
          'Date\nnot-an-email,Ann,Bad,01/09/2025\nok.person@bryn-derw.example,Ok,Person,31/02/2025\n',
      );
      await page.getByRole('button', { name: 'Check the file' }).click();
      const problems = await page.getByRole('alert').locator('tbody tr').allInnerTexts();
      expect(problems.map((row) => row.split('\t').slice(0, 2))).toEqual([
        ['2', 'Email address'],
        ['3', 'Start date'],
      ]);
      await expect(page.getByRole('button', { name: 'Save these changes' }).count()).resolves.toBe(0);
      await expect(count('SELECT COUNT(*) AS n FROM staff_member')).resolves.toBe(before);
      await expectAccessibleEverywhere(page);
      await context.close();
    });

    it(
      'previews new, changed (before → after) and leaving staff, saves nothing until ' + 'confirmed, then all of it',
      async () => {
        const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
        await page.goto('/staff/import');
        const file = [
          'MIS ID,First Name,Last Name,Email,Start Date,Job Title',
          'BD-1,Aled,Jones,aled.jones@bryn-derw.example,' + '%ALED_START%' + ',Headteacher',
          'BD-2,Ffion,Hughes,ffion.hughes@bryn-derw.example,01/09/2026,Teacher',
        ].join('\n');
        const [aled] = await app.testApp.dataSource.query(
          `SELECT * FROM staff_member WHERE email = 'aled.jones@bryn-derw.example'`,
        );
        const csv = file.replace('%ALED_START%', aled.startDate);
        const before = await count('SELECT COUNT(*) AS n FROM staff_member');

        await upload(page, csv);
        await page.getByLabel('Mark staff missing from the file as leavers (today)').check();
        await page.getByRole('button', { name: 'Check the file' }).click();
        const main = page.locator('main');
        await expect(main.innerText()).resolves.toContain('Ffion Hughes');
        await expect(main.innerText()).resolves.toContain('Job title: Headteacher and DSP → Headteacher');
        await expect(main.innerText()).resolves.toContain('MIS id: — → BD-1');
        const leavers = await page.locator('main h3:has-text("Marked as leavers") + ul li').allInnerTexts();
        expect(leavers).toContain('Bethan Davies');
        expect(leavers).not.toContain('Aled Jones');
        await expectAccessibleEverywhere(page);
        await expect(count('SELECT COUNT(*) AS n FROM staff_member')).resolves.toBe(before);
        await expect(count(`SELECT COUNT(*) AS n FROM staff_member WHERE "misId" IS NOT NULL`)).resolves.toBe(0);

        // Without the tick box: nobody leaves. Confirm that one.
        await upload(page, csv);
        await page.getByLabel('Mark staff missing from the file as leavers (today)').uncheck();
        await page.getByRole('button', { name: 'Check the file' }).click();
        await expect(page.locator('main').innerText()).resolves.not.toContain('Marked as leavers');
        const uploadId = await page.locator('input[name=uploadId]').inputValue();
        await page.getByRole('button', { name: 'Save these changes' }).click();
        await expect(page.getByRole('status').innerText()).resolves.toContain(
          'Staff list imported. New: 1. Changed: 1.',
        );
        await expect(count('SELECT COUNT(*) AS n FROM staff_member')).resolves.toBe(before + 1);
        const [updated] = await app.testApp.dataSource.query(`SELECT * FROM staff_member WHERE id = ${aled.id}`);
        expect(updated).toMatchObject({ jobTitle: 'Headteacher', misId: 'BD-1', leftOn: null });
        await expect(count(`SELECT COUNT(*) AS n FROM staff_member WHERE "leftOn" = '2026-11-27'`)).resolves.toBe(0);

        // The checked file is used once: posting its id again imports nothing more.
        const csrf = await page.locator('input[name=_csrf]').first().inputValue();
        const again = await page.request.post('/staff/import/confirm', { form: { _csrf: csrf, uploadId } });
        expect(again.status()).toBe(400);
        await expect(count('SELECT COUNT(*) AS n FROM staff_member')).resolves.toBe(before + 1);
        await context.close();
      },
    );

    it('shows the import page in Welsh', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await inWelsh(page, '/staff/import', 'Mewnforio staff o’r MIS');
      await context.close();
    });
  });

  describe('courses', () => {
    it(
      'lets the DSP add an in-house course (refusals keep what was typed), shows review due, ' + 'edits and retires it',
      async () => {
        const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
        await page.goto('/courses');
        await page.getByRole('link', { name: 'Add a course' }).click();
        await expectAccessibleEverywhere(page);
        const before = await count('SELECT COUNT(*) AS n FROM course');
        await page.getByLabel('Title', { exact: true }).fill('Bryn Derw staff briefing');
        await page.getByLabel('Valid for (months)').fill('99');
        await page.getByRole('button', { name: 'Save' }).click();
        await expect(page.locator('#topics-error').isVisible()).resolves.toBe(true);
        await expect(page.locator('#validityMonths-error').isVisible()).resolves.toBe(true);
        await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Bryn Derw staff briefing');
        await expect(count('SELECT COUNT(*) AS n FROM course')).resolves.toBe(before);
        await expectAccessibleEverywhere(page);

        await page.getByLabel('Online safety', { exact: true }).check();
        await page.getByLabel('Responding to online sexual harassment').check();
        await page.getByLabel('Valid for (months)').fill('12');
        await page.getByLabel('Content last reviewed (YYYY-MM-DD)').fill('2025-10-01');
        await page.getByRole('button', { name: 'Save' }).click();
        await expect(page.getByRole('status').innerText()).resolves.toBe('Course added.');
        const row = page.locator('tr', { hasText: 'Bryn Derw staff briefing' });
        await expect(row.innerText()).resolves.toContain('In-house');
        await expect(row.innerText()).resolves.toContain('Review due');
        const [course] = await app.testApp.dataSource.query(
          `SELECT * FROM course WHERE title = 'Bryn Derw staff briefing'`,
        );
        expect(course).toMatchObject({ schoolId: 1, validityMonths: 12, contentReviewedOn: '2025-10-01' });

        await row.getByRole('link', { name: /Edit/ }).click();
        await expect(page.locator('main').innerText()).resolves.toContain('more than 12 months ago');
        await page.getByLabel('Content last reviewed (YYYY-MM-DD)').fill('2026-11-01');
        await page.getByLabel('No longer offered (retired)').check();
        await page.getByRole('button', { name: 'Save' }).click();
        await expect(page.getByRole('status').innerText()).resolves.toBe('Course saved.');
        const retired = page.locator('tr', { hasText: 'Bryn Derw staff briefing' });
        await expect(retired.innerText()).resolves.toContain('No longer offered');
        await expect(retired.innerText()).resolves.not.toContain('Review due');
        await expect(
          count(
            `SELECT COUNT(*) AS n FROM course WHERE id = ${course.id} AND retired = ` +
              `${app.testApp.databaseUrl.startsWith('sqlite') ? 1 : true}`,
          ),
        ).resolves.toBe(1);
        await context.close();
      },
    );

    it('keeps the shared catalogue read-only for a DSP, and lets an admin add to it', async () => {
      const [shared] = await app.testApp.dataSource.query('SELECT id FROM course WHERE "schoolId" IS NULL LIMIT 1');
      const dsp = await signIn(app, 'dsp@bryn-derw.example');
      const refused = await dsp.page.goto(`/courses/${shared.id}/edit`);
      expect(refused?.status()).toBe(403);
      await dsp.context.close();

      const { context, page } = await signIn(app, 'admin@demo.example');
      await page.getByRole('link', { name: 'Courses' }).click();
      await expectAccessibleEverywhere(page);
      await page.getByRole('link', { name: 'Add a course' }).click();
      await page.getByLabel('Title', { exact: true }).fill('Filtering and monitoring for leaders');
      await page.getByLabel('Filtering and monitoring').check();
      await page.getByLabel('Content last reviewed (YYYY-MM-DD)').fill('2026-10-01');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toBe('Course added.');
      await expect(
        count(
          `SELECT COUNT(*) AS n FROM course WHERE title = 'Filtering and monitoring for leaders' ` +
            `AND "schoolId" IS NULL`,
        ),
      ).resolves.toBe(1);
      await context.close();
    });

    it('shows the course pages in Welsh', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await inWelsh(page, '/courses/new', 'Ychwanegu cwrs');
      await inWelsh(page, '/courses', 'Cyrsiau');
      await context.close();
    });
  });

  describe('training-needs audits', () => {
    it('records one member’s needs by topic with notes; a refused form keeps the ticks and saves nothing', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.goto('/staff/3');
      await page.getByRole('link', { name: 'Audit training needs' }).click();
      await expectAccessibleEverywhere(page);
      const before = await count('SELECT COUNT(*) AS n FROM needs_audit');
      await page.getByLabel('Date of the audit (YYYY-MM-DD)').fill('2026-12-01');
      await page.getByLabel('Filtering and monitoring', { exact: true }).check();
      await page.locator('#note-filtering-monitoring').fill('New filtering system in January');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.locator('#auditedOn-error').isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('Filtering and monitoring', { exact: true }).isChecked()).resolves.toBe(true);
      await expect(page.locator('#note-filtering-monitoring').inputValue()).resolves.toBe(
        'New filtering system in January',
      );
      await expect(count('SELECT COUNT(*) AS n FROM needs_audit')).resolves.toBe(before);
      await expectAccessibleEverywhere(page);

      await page.getByLabel('Date of the audit (YYYY-MM-DD)').fill('2026-11-20');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toBe('Training needs audit saved.');
      await expect(page.locator('main').innerText()).resolves.toContain(
        'Filtering and monitoring: New filtering system in January',
      );
      await context.close();
    });

    it('audits every active member in one table and saves one audit each, all together or none', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.getByRole('link', { name: 'Training needs' }).click();
      await expectAccessibleEverywhere(page);
      const rows = await page.locator('tbody tr').count();
      const active = await page.locator('tbody tr th').allInnerTexts();
      expect(rows).toBeGreaterThan(10);
      const before = await count('SELECT COUNT(*) AS n FROM needs_audit');
      await page.getByLabel(`${active[0]}: Online safety`, { exact: true }).check();
      await page.getByLabel(`${active[1]}: Responding to online sexual harassment`).check();
      await page.getByLabel(`Note: ${active[1]}`).fill('Needs the OSH module');

      await page.getByLabel('Date of the audit (YYYY-MM-DD)').fill('27/11/2026');
      await page.getByRole('button', { name: 'Save the audit for everyone' }).click();
      await expect(page.locator('#auditedOn-error').isVisible()).resolves.toBe(true);
      await expect(page.getByLabel(`${active[0]}: Online safety`, { exact: true }).isChecked()).resolves.toBe(true);
      await expect(page.getByLabel(`Note: ${active[1]}`).inputValue()).resolves.toBe('Needs the OSH module');
      await expect(count('SELECT COUNT(*) AS n FROM needs_audit')).resolves.toBe(before);

      // A failure while saving (after the audits are written) leaves none of them.
      const changeLog = app.testApp.app.get(ChangeLogService);
      const failing = jest.spyOn(changeLog, 'record').mockRejectedValueOnce(new Error('disk full'));
      await page.getByLabel('Date of the audit (YYYY-MM-DD)').fill('2026-11-27');
      await page.getByRole('button', { name: 'Save the audit for everyone' }).click();
      failing.mockRestore();
      await expect(count('SELECT COUNT(*) AS n FROM needs_audit')).resolves.toBe(before);

      await page.goto('/audits/new');
      await page.getByLabel(`${active[0]}: Online safety`, { exact: true }).check();
      await page.getByRole('button', { name: 'Save the audit for everyone' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('saved for every member of staff');
      await expect(count('SELECT COUNT(*) AS n FROM needs_audit')).resolves.toBe(before + rows);
      await expect(
        count(
          `SELECT COUNT(*) AS n FROM needs_audit WHERE "auditedOn" = '2026-11-27' AND needs LIKE '%online-safety%'`,
        ),
      ).resolves.toBeGreaterThanOrEqual(1);
      await context.close();
    });

    it('shows the audit pages in Welsh', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await inWelsh(page, '/audits/new', 'Archwiliad anghenion hyfforddi’r holl staff');
      await inWelsh(page, '/staff/3/audit', 'Archwiliad anghenion hyfforddi');
      await context.close();
    });
  });

  describe('change log', () => {
    it('shows who changed what, newest first, filtered by member, with each field before → after', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.goto('/staff/4/edit');
      const jobTitle = await page.getByLabel('Job title').inputValue();
      await page.getByLabel('Job title').fill('Head of English');
      await page.getByRole('button', { name: 'Save' }).click();
      const [member] = await app.testApp.dataSource.query('SELECT name FROM staff_member WHERE id = 4');

      await page.getByRole('link', { name: 'Change log', exact: true }).click();
      await expectAccessibleEverywhere(page);
      const firstRow = page.locator('main tbody tr').first();
      await expect(firstRow.innerText()).resolves.toContain('dsp@bryn-derw.example');
      await expect(firstRow.innerText()).resolves.toContain(`Changed: staff member – ${member.name}`);
      await expect(firstRow.innerText()).resolves.toContain(`Job title: ${jobTitle || '—'} → Head of English`);

      await page.getByLabel('About').selectOption({ label: member.name });
      await page.getByRole('button', { name: 'Filter' }).click();
      const subjects = await page.locator('main tbody tr td:nth-child(3)').allInnerTexts();
      expect(subjects.length).toBeGreaterThan(0);
      expect(subjects.every((subject) => subject.includes(member.name))).toBe(true);
      await context.close();
    });

    it('lists the reminders sent on each member’s record, and links the record to its changes', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      // A reminder as the daily run records it once sent (the run itself is tested in reminders e2e).
      await app.testApp.dataSource.query(
        `INSERT INTO reminder ("staffId", "schoolId", training, "dueOn", "offsetDays", status, attempts, recipients,
           "createdAt", "sentAt")
         VALUES (5, 1, 'online-safety', '2026-12-20', 30, 'sent', 1, '{"to":"x@bryn-derw.example","cc":[]}',
           '2026-11-20T07:00:00.000Z', '2026-11-20T07:00:01.000Z')`,
      );
      await page.goto('/staff/5');
      const section = page.locator('main table').last();
      await expect(section.innerText()).resolves.toContain('20 December 2026');
      await expect(section.innerText()).resolves.toContain('Sent');
      await page.getByRole('link', { name: 'Change log for this member' }).click();
      await expect(page.getByLabel('About').inputValue()).resolves.toBe('5');
      await context.close();
    });

    it('shows the change log in Welsh, and refuses it to a governor', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await inWelsh(page, '/changes', 'Log newidiadau');
      await context.close();
      const governor = await signIn(app, 'governor@bryn-derw.example');
      await expect(governor.page.goto('/changes').then((response) => response?.status())).resolves.toBe(403);
      await governor.context.close();
    });
  });

  describe('training requirements', () => {
    const rowNamed = (page: Page, title: string) => page.locator('main tbody tr').filter({ hasText: title });

    it('lists the five defaults and the school’s own, with no way to remove the first two', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.getByRole('link', { name: 'Requirements' }).click();
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Training requirements');
      const rows = page.locator('main tbody tr');
      await expect(rows.count()).resolves.toBe(6);
      // online-safety and osh-response come first: edit, but no remove button.
      await expect(rows.nth(0).getByRole('button').count()).resolves.toBe(0);
      await expect(rows.nth(1).getByRole('button').count()).resolves.toBe(0);
      await expect(
        rows
          .nth(2)
          .getByRole('button', { name: /^Remove/ })
          .count(),
      ).resolves.toBe(1);
      await expect(rowNamed(page, 'Filtering and monitoring').innerText()).resolves.toMatch(
        /Filtering lead, Senior leader[\s\S]*12 months \(the school’s annual refresh\)/,
      );
      await expect(rowNamed(page, 'DSP advanced training').innerText()).resolves.toContain(
        'As long as the course is valid',
      );
      await expectAccessibleEverywhere(page);
      await context.close();
    });

    it('adds one: a refused form keeps what was typed beside the errors and saves nothing; then saves it', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      const before = await count('SELECT COUNT(*) AS n FROM training_requirement');
      await page.goto('/requirements/new');
      await expectAccessibleEverywhere(page);
      await page.getByLabel('Code').fill('Prevent Duty');
      await page.getByLabel('Title in English').fill('Prevent duty');
      await page.getByLabel('These roles (choose below)').check();
      await page.getByLabel('This many months:').check();
      await page.getByLabel('Months (1 to 60)').fill('61');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toContain('There is a problem');
      for (const field of ['code', 'titleCy', 'audience', 'topics', 'refreshMonths'])
        await expect(page.locator(`#${field}-error`).isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('Code').inputValue()).resolves.toBe('Prevent Duty');
      await expect(page.getByLabel('Title in English').inputValue()).resolves.toBe('Prevent duty');
      await expect(page.getByLabel('Months (1 to 60)').inputValue()).resolves.toBe('61');
      await expect(page.getByLabel('These roles (choose below)').isChecked()).resolves.toBe(true);
      await expect(count('SELECT COUNT(*) AS n FROM training_requirement')).resolves.toBe(before);
      await expectAccessibleEverywhere(page);

      await page.getByLabel('Code').fill('prevent-duty');
      await page.getByLabel('Title in Welsh').fill('Dyletswydd Prevent');
      await page.getByRole('checkbox', { name: 'Senior leader', exact: true }).check();
      await page.getByRole('checkbox', { name: 'Deputy DSP', exact: true }).check();
      await page
        .getByRole('group', { name: /^Topics/ })
        .getByLabel('Safeguarding')
        .check();
      await page.getByLabel('Months (1 to 60)').fill('24');
      await page.getByLabel('New staff must have it within their induction window').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toBe('Requirement saved.');
      await expect(rowNamed(page, 'Prevent duty').innerText()).resolves.toMatch(
        /Deputy DSP, Senior leader[\s\S]*24 months\s+yes/,
      );
      await expect(count('SELECT COUNT(*) AS n FROM training_requirement')).resolves.toBe(before + 1);
      await context.close();
    });

    it('edits a default and the school’s own, and removes the school’s own', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.goto('/requirements');
      // The second row is osh-response (the demo's own group requirement names the same topic).
      await page.locator('main tbody tr').nth(1).getByRole('link', { name: /^Edit/ }).click();
      await expectAccessibleEverywhere(page);
      await page.getByLabel('Title in English').fill('Responding to incidents of online sexual harassment');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(rowNamed(page, 'Responding to incidents').count()).resolves.toBe(1);

      await page.goto('/requirements/online-safety/edit');
      await expect(page.locator('main').innerText()).resolves.toContain('the headline figures follow it');
      await expect(page.locator('input[name=audience]').count()).resolves.toBe(0);

      await page.goto('/requirements/prevent-duty/edit');
      await expect(page.getByLabel('Months (1 to 60)').inputValue()).resolves.toBe('24');
      await page.getByLabel('The school’s annual refresh months').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(rowNamed(page, 'Prevent duty').innerText()).resolves.toContain('(the school’s annual refresh)');
      await rowNamed(page, 'Prevent duty')
        .getByRole('button', { name: /^Remove/ })
        .click();
      await expect(page.getByRole('status').innerText()).resolves.toBe('Requirement removed.');
      await expect(rowNamed(page, 'Prevent duty').count()).resolves.toBe(0);
      await expect(count(`SELECT COUNT(*) AS n FROM training_requirement WHERE code = 'prevent-duty'`)).resolves.toBe(
        0,
      );
      await context.close();
    });

    it('shows the requirement pages in Welsh, titles included', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await inWelsh(page, '/requirements', 'Gofynion hyfforddi');
      await page.context().addCookies([{ name: 'lang', value: 'cy', url: app.baseUrl }]);
      await page.goto('/requirements');
      await expect(page.locator('main tbody th').allInnerTexts()).resolves.toEqual(
        expect.arrayContaining(['Hidlo a monitro', 'Hyfforddiant uwch y person diogelu dynodedig']),
      );
      await expect(page.locator('main [lang=en]').count()).resolves.toBe(0);
      await page.context().addCookies([{ name: 'lang', value: 'en', url: app.baseUrl }]);
      await inWelsh(page, '/requirements/new', 'Ychwanegu gofyniad');
      await inWelsh(page, '/requirements/safeguarding/edit', 'Diogelu, gan gynnwys diogelwch ar-lein');
      await context.close();
    });

    it('shows each member one line per requirement, with the completion that meets it', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      // Aled Jones: the DSP, a senior leader and in the online-safety group (the demo's own requirement).
      await page.goto('/staff/1');
      const table = page.getByRole('table', { name: 'Training by requirement' });
      const titles = await table.locator('tbody th').allInnerTexts();
      expect(titles[0]).toBe('Online safety');
      expect(titles).toEqual(
        expect.arrayContaining([
          'Safeguarding, including online safety',
          'DSP advanced training',
          'Filtering and monitoring',
          'Online-safety group: responding to online sexual harassment, every six months',
        ]),
      );
      const row = (title: string) => table.locator('tbody tr').filter({ hasText: title }).locator('td');
      await expect(row('DSP advanced training').allInnerTexts()).resolves.toEqual([
        'Current',
        expect.stringMatching(/ 202[78]$/),
        expect.stringMatching(/^DSP advanced: online safety and harmful sexual behaviour, \d+ \w+ 2026$/),
      ]);
      await expect(row('Safeguarding, including').allInnerTexts()).resolves.toEqual([
        'Never trained',
        '—',
        'No training yet',
      ]);
      // Rhodri Evans has no role: only the all-staff requirements apply to him.
      await page.goto('/staff/29');
      await expect(table.locator('tbody th').allInnerTexts()).resolves.toEqual(
        expect.not.arrayContaining(['DSP advanced training', 'Filtering and monitoring']),
      );
      await expect(table.locator('tbody th').count()).resolves.toBeGreaterThanOrEqual(3);
      await expectAccessibleEverywhere(page);
      await context.close();
    });

    it('sets the expiry basis and grace days in the settings, refusing a bad number beside its field', async () => {
      const { context, page } = await signIn(app, 'dsp@bryn-derw.example');
      await page.goto('/settings');
      await page.getByLabel('Academic year: to 31 August, plus the grace days').check();
      await page.getByLabel('Grace days after 31 August (0 to 90)').fill('91');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.locator('#academicYearGraceDays-error').innerText()).resolves.toContain('from 0 to 90');
      await expect(page.getByLabel('Grace days after 31 August (0 to 90)').inputValue()).resolves.toBe('91');
      await expect(page.getByLabel('Academic year: to 31 August, plus the grace days').isChecked()).resolves.toBe(true);
      await expectAccessibleEverywhere(page);
      const settings = () =>
        app.testApp.dataSource.query('SELECT "expiryBasis", "academicYearGraceDays" FROM school WHERE id = 1');
      await expect(settings()).resolves.toEqual([{ expiryBasis: 'rolling', academicYearGraceDays: 30 }]);
      await page.getByLabel('Grace days after 31 August (0 to 90)').fill('45');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('Saved.');
      await expect(settings()).resolves.toEqual([{ expiryBasis: 'academic-year', academicYearGraceDays: 45 }]);
      // Back as it was: the other tests read the demo's rolling figures.
      await page.getByLabel('Rolling: the completion date plus the months').check();
      await page.getByLabel('Grace days after 31 August (0 to 90)').fill('30');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(settings()).resolves.toEqual([{ expiryBasis: 'rolling', academicYearGraceDays: 30 }]);
      await context.close();
    });

    it('refuses a governor the requirement pages, changing nothing', async () => {
      const { context, page } = await signIn(app, 'governor@bryn-derw.example');
      for (const path of ['/requirements', '/requirements/new', '/requirements/safeguarding/edit']) {
        const response = await page.goto(path);
        expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
      }
      await context.close();
    });
  });
});
