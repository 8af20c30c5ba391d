import { Browser, Page } from 'playwright-core';
import { ADMIN } from '../utils/create-test-app';
import { SmtpCapture } from '../utils/smtp-capture';
import { BrowserApp, expectAccessible, startBrowserApp } from './browser-app';

const DSP = { email: 'dsp@glan-mor.example', password: 'glan-mor-dsp-password-2026' };
const GOVERNOR = { email: 'llywodraethwr@glan-mor.example', password: 'glan-mor-governor-password-2026' };

const MIS_EXPORT = [
  'Staff ID,Forename,Surname,Email Address,Employment Start Date,Post,Safeguarding Role',
  'GM-01,Elin,Parry,elin.parry@glan-mor.example,01/09/2015,Headteacher,dsp',
  'GM-02,Dafydd,Lloyd,dafydd.lloyd@glan-mor.example,01/09/2018,Deputy headteacher,deputy-dsp',
  'GM-03,Sioned,Rowlands,sioned.rowlands@glan-mor.example,01/09/2020,Teacher,none',
  'GM-04,Huw,Bevan,huw.bevan@glan-mor.example,04/01/2022,Teacher,',
  'GM-05,Mari,Owen,mari.owen@glan-mor.example,01/09/2025,Teaching assistant,',
  'GM-06,Tomos,Pugh,tomos.pugh@glan-mor.example,01/09/2023,Caretaker,',
].join('\n');

/** Signs in through the login form in a new browser window (desktop width). */
async function signInAs(browser: Browser, baseUrl: string, account: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForLoadState('domcontentloaded');
  return { context, page };
}

/**
 * The whole of a DSP's first day, in the browser only: an admin adds the school and its
 * DSP, the DSP takes it from empty to a full compliance summary and invites a governor,
 * who signs in and sees that summary. Every email is read from a real SMTP capture and
 * its link followed in the browser.
 */
describe('a DSP takes an empty school to a full compliance summary', () => {
  let app: BrowserApp;
  const smtp = new SmtpCapture();

  beforeAll(async () => {
    await smtp.start();
    app = await startBrowserApp({ seedDemo: false, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  async function step(page: Page, name: string): Promise<void> {
    await expectAccessible(page);
    await page.screenshot({ path: `docs/walkthrough-${name}.png`, fullPage: true });
  }

  /** The single-use link in the latest invitation to this address, as the email's text part gives it. */
  async function invitationLink(address: string): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const text = smtp.to(address).at(-1)?.parsed.text;
      const match = text && new RegExp(`${app.baseUrl}/invite/[A-Za-z0-9_-]+`).exec(text);
      if (match) return match[0];
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`No invitation email to ${address}`);
  }

  /** Follows an invitation link in a new browser window and chooses the password. */
  async function acceptInvitation(address: string, password: string): Promise<void> {
    const context = await app.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(await invitationLink(address));
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('New password again').fill(password);
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toBe('Your password has been saved.');
    await context.close();
  }

  it('an admin adds the school and invites its DSP, who chooses a password from the emailed link', async () => {
    const { context, page } = await signInAs(app.browser, app.baseUrl, ADMIN);
    await page.getByRole('link', { name: 'Add a school' }).click();
    await page.getByLabel('Name of the school or college').fill('Ysgol Glan Môr');
    await page.getByLabel('Email address of its DSP').fill(DSP.email);
    await step(page, '0-add-school');
    await page.getByRole('button', { name: 'Add the school and invite its DSP' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toBe('School added, and its DSP invited by email.');
    await context.close();
    await acceptInvitation(DSP.email, DSP.password);
  });

  it(
    'imports the MIS file, adds a course, audits needs, records a session, and sees every ' + 'member current',
    async () => {
      const { context, page } = await signInAs(app.browser, app.baseUrl, DSP);
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

      // 6. A login for the governors: invited by email from the accounts page.
      await page.getByRole('link', { name: 'Accounts' }).click();
      await page.getByLabel('Email address').fill(GOVERNOR.email);
      await page.getByLabel('Role').selectOption({ label: 'Governor' });
      await page.getByRole('button', { name: 'Send the invitation' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toBe('Invitation sent.');
      await expect(page.getByRole('row', { name: new RegExp(GOVERNOR.email) }).innerText()).resolves.toMatch(
        /Governor\s+Not linked\s+Never\s+Invited/,
      );
      await step(page, '6-accounts');
      await context.close();
    },
  );

  it('the invited governor chooses a password from the emailed link, signs in and sees the summary', async () => {
    await acceptInvitation(GOVERNOR.email, GOVERNOR.password);
    const { context, page } = await signInAs(app.browser, app.baseUrl, GOVERNOR);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain('Ysgol Glan Môr');
    await expect(page.locator('.figure dd').allInnerTexts()).resolves.toEqual(['100%', '6', '0']);
    await expectAccessible(page);
    await context.close();
  });
});
