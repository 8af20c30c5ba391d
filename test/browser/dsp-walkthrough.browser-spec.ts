import { Page } from 'playwright-core';
import { ADMIN, login } from '../utils/create-test-app';
import { BrowserApp, expectAccessible, startBrowserApp } from './browser-app';

const DSP = { email: 'dsp@glan-mor.example', password: 'glan-mor-dsp-password-2026' };

const MIS_EXPORT = [
  'Staff ID,Forename,Surname,Email Address,Employment Start Date,Post,Safeguarding Role',
  'GM-01,Elin,Parry,elin.parry@glan-mor.example,01/09/2015,Headteacher,dsp',
  'GM-02,Dafydd,Lloyd,dafydd.lloyd@glan-mor.example,01/09/2018,Deputy headteacher,deputy-dsp',
  'GM-03,Sioned,Rowlands,sioned.rowlands@glan-mor.example,01/09/2020,Teacher,none',
  'GM-04,Huw,Bevan,huw.bevan@glan-mor.example,04/01/2022,Teacher,',
  'GM-05,Mari,Owen,mari.owen@glan-mor.example,01/09/2025,Teaching assistant,',
  'GM-06,Tomos,Pugh,tomos.pugh@glan-mor.example,01/09/2023,Caretaker,',
].join('\n');

/**
 * The whole of a DSP's first day, in the browser only: an empty school taken to a full
 * compliance summary. The admin's one step (the school and its DSP's login) is done
 * through the API, as the admin pages for it are not part of this flow.
 */
describe('a DSP takes an empty school to a full compliance summary', () => {
  let app: BrowserApp;
  let schoolId: number;

  beforeAll(async () => {
    app = await startBrowserApp({ seedDemo: false });
    const admin = await login(app.testApp, ADMIN.email, ADMIN.password);
    const school = await app.testApp.http
      .post('/api/schools')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Ysgol Glan Môr' })
      .expect(201);
    schoolId = school.body.id;
    await app.testApp.http
      .post('/api/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ ...DSP, role: 'dsp', schoolId })
      .expect(201);
  });
  afterAll(() => app.close());

  async function step(page: Page, name: string): Promise<void> {
    await expectAccessible(page);
    await page.screenshot({ path: `docs/walkthrough-${name}.png`, fullPage: true });
  }

  it('imports the MIS file, adds a course, audits needs, records a session, and sees every member current', async () => {
    const context = await app.browser.newContext({ baseURL: app.baseUrl, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email address').fill(DSP.email);
    await page.getByLabel('Password').fill(DSP.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('No staff match this filter.');

    // 1. The staff list from the MIS.
    await page.getByRole('link', { name: 'Import staff from the MIS' }).click();
    await page.getByLabel('Staff list (CSV file)').setInputFiles({
      name: 'sims-staff.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(MIS_EXPORT),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('New: 6. Changed: 0.');
    await step(page, '1-import-preview');
    await page.getByRole('button', { name: 'Save these changes' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('Staff list imported. New: 6.');

    // 2. The school's own course, covering every topic the guidance asks for.
    await page.getByRole('link', { name: 'Courses' }).click();
    await page.getByRole('link', { name: 'Add a course' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Glan Môr safeguarding and online safety day');
    await page.getByLabel('Provider (optional)').fill('In-house');
    for (const topic of [
      'Safeguarding',
      'Online safety',
      'Responding to online sexual harassment',
      'Filtering and monitoring',
      'DSP advanced',
    ]) {
      await page.getByLabel(topic, { exact: true }).check();
    }
    await page.getByLabel('Suitable as induction training').check();
    await page.getByLabel('Content last reviewed (YYYY-MM-DD)').fill('2026-09-01');
    await step(page, '2-course');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toBe('Course added.');

    // 3. The training-needs audit, whole staff at once.
    await page.getByRole('link', { name: 'Training needs' }).click();
    await page.getByLabel('Date of the audit (YYYY-MM-DD)').fill('2026-11-20');
    await page.getByLabel('Mari Owen: Responding to online sexual harassment').check();
    await page.getByLabel('Note: Mari Owen').fill('New this year: needs the OSH response training');
    await step(page, '3-needs-audit');
    await page.getByRole('button', { name: 'Save the audit for everyone' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('saved for every member of staff');

    // 4. The training day, recorded once for everyone who attended.
    await page.getByRole('link', { name: 'Record a training session' }).click();
    await page.getByLabel('Course').selectOption({ label: 'Glan Môr safeguarding and online safety day' });
    await page.getByLabel('Completed on (YYYY-MM-DD)').fill('2026-11-25');
    for (const checkbox of await page.locator('input[name=staffIds]').all()) await checkbox.check();
    await step(page, '4-session');
    await page.getByRole('button', { name: 'Save' }).click();

    // 5. The settings the guidance asks about: a training coordinator, filtering reviewed.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Training coordinator', { exact: true }).selectOption({ label: 'Dafydd Lloyd' });
    await page.getByLabel('Filtering and monitoring last reviewed (YYYY-MM-DD)').fill('2026-10-01');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toBe('Saved.');

    // The summary the governors will see: everyone current, nothing to be concerned about.
    await page.getByRole('link', { name: 'Compliance summary' }).click();
    const figures = await page.locator('.figure dd').allInnerTexts();
    expect(figures).toEqual(['100%', '6', '0']);
    await expect(page.locator('main').innerText()).resolves.not.toContain('Concerns:');
    await step(page, '5-summary');
    await context.close();
  });
});
