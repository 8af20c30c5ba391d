import { buildStaff, buildWorld, PASSWORD, World } from './factories/world';
import { ADMIN, createTestApp, TestApp } from './utils/create-test-app';
import { PageSession, signInPage } from './utils/page-session';
import { SmtpCapture } from './utils/smtp-capture';
import { bearer } from './utils/use-world';

const APP_URL = 'http://tracker.school.example';
const NEW_PASSWORD = 'a-new-long-password-2026';

/** The status cell of the accounts table's row for an email. */
function statusOf(html: string, email: string): string {
  const row = new RegExp(`<tr>\\s*<td>${email.replace(/[.]/g, '\\.')}</td>([\\s\\S]*?)</tr>`).exec(html);
  if (!row) throw new Error(`No row for ${email}`);
  const cells = [...row[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]);
  return cells[cells.length - 2].replace(/<[^>]+>/g, '').trim();
}

describe('accounts page: invitations not yet accepted, and accounts of leavers', () => {
  let testApp: TestApp;
  let world: World;
  let dspA: PageSession;
  let admin: PageSession;
  const smtp = new SmtpCapture();

  beforeAll(async () => {
    await smtp.start();
    testApp = await createTestApp({ env: { SMTP_URL: smtp.url, APP_URL } });
    world = await buildWorld(testApp);
    dspA = await signInPage(testApp, 'dsp@a.test', PASSWORD);
    admin = await signInPage(testApp, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  const post = (session: PageSession, path: string, form: Record<string, string> = {}) =>
    testApp.http
      .post(path)
      .set('Cookie', session.cookies)
      .type('form')
      .send({ ...form, _csrf: session.csrf });
  const accountsPage = async (session: PageSession, cookies: string[] = []) =>
    (
      await testApp.http
        .get('/accounts')
        .set('Cookie', [...session.cookies, ...cookies])
        .expect(200)
    ).text;

  async function idOf(email: string): Promise<number> {
    const [row] = await testApp.dataSource.query<{ id: number }[]>(`SELECT id FROM app_user WHERE email = '${email}'`);
    return row.id;
  }

  async function linksTo(address: string, count = 1): Promise<string[]> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const links = smtp
        .to(address)
        .map((mail) => new RegExp(`${APP_URL}/(?:invite|reset)/([A-Za-z0-9_-]+)`).exec(mail.parsed.text ?? '')?.[1])
        .filter((token): token is string => token !== undefined);
      if (links.length >= count) return links;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Fewer than ${count} links emailed to ${address}`);
  }

  describe('status', () => {
    it('reads "Invited" until the invitation is accepted, then "Active"', async () => {
      await post(dspA, '/accounts/invite', { email: 'new.governor@a.test', role: 'governor' }).expect(303);
      expect(statusOf(await accountsPage(dspA), 'new.governor@a.test')).toBe('Invited');
      expect(statusOf(await accountsPage(dspA, ['lang=cy']), 'new.governor@a.test')).toBe('Wedi’i wahodd');
      const [token] = await linksTo('new.governor@a.test');
      await testApp.http.post('/api/auth/invite/accept').send({ token, password: NEW_PASSWORD }).expect(204);
      expect(statusOf(await accountsPage(dspA), 'new.governor@a.test')).toBe('Active');
    });

    it('reads "Active" once an invited person chooses a password by a reset link instead', async () => {
      await post(admin, '/accounts/invite', { email: 'late.dsp@b.test', schoolId: String(world.b.id) }).expect(303);
      expect(statusOf(await accountsPage(admin), 'late.dsp@b.test')).toBe('Invited');
      await testApp.http.post('/api/auth/password-reset').send({ email: 'late.dsp@b.test' }).expect(202);
      const [, reset] = await linksTo('late.dsp@b.test', 2);
      await testApp.http
        .post('/api/auth/password-reset/confirm')
        .send({ token: reset, password: NEW_PASSWORD })
        .expect(204);
      expect(statusOf(await accountsPage(admin), 'late.dsp@b.test')).toBe('Active');
    });

    it('reads "Active" for an account made with a password, though it never signed in', async () => {
      await testApp.http
        .post('/api/users')
        .set(bearer(world.a.dspToken))
        .send({ email: 'clerk@a.test', password: NEW_PASSWORD, role: 'governor' })
        .expect(201);
      expect(statusOf(await accountsPage(dspA), 'clerk@a.test')).toBe('Active');
    });

    it('reads "Left" for an account whose staff member has left, by its link or by its email at the school', async () => {
      await testApp.http.delete(`/api/staff/${world.a.staffIds[0]}`).set(bearer(world.a.dspToken)).expect(200);
      const deputy = { email: 'deputy@a.test', password: NEW_PASSWORD, role: 'dsp' };
      await testApp.http.post('/api/users').set(bearer(world.a.dspToken)).send(deputy).expect(201);
      const member = buildStaff(world.a.id, { email: 'deputy@a.test', leftOn: '2026-10-31' });
      await testApp.http.post('/api/staff').set(bearer(world.a.dspToken)).send(member).expect(201);
      const page = await accountsPage(dspA);
      expect(statusOf(page, 'staff@a.test')).toBe('Left');
      expect(statusOf(page, 'deputy@a.test')).toBe('Left');
      expect(statusOf(await accountsPage(dspA, ['lang=cy']), 'staff@a.test')).toBe('Wedi gadael');
      // Neither can sign in: the page says what the sign-in does.
      await testApp.http.post('/api/auth/login').send({ email: 'deputy@a.test', password: NEW_PASSWORD }).expect(401);
    });

    it('reads "Switched off" for a switched-off account, whatever else holds', async () => {
      await post(dspA, `/accounts/${await idOf('clerk@a.test')}/disable`).expect(303);
      expect(statusOf(await accountsPage(dspA), 'clerk@a.test')).toBe('Switched off');
    });
  });
});
