import { buildStaff, buildWorld, PASSWORD, World } from './factories/world';
import { ADMIN, createTestApp, TestApp } from './utils/create-test-app';
import { PageSession, postForm, signInPage } from './utils/page-session';
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
    postForm(testApp, session, path, form);
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
  describe('sending the invitation again', () => {
    const accept = (token: string) =>
      testApp.http.post('/api/auth/invite/accept').send({ token, password: NEW_PASSWORD });

    it('emails a new single-use link; the earlier link no longer works, the new one does', async () => {
      await post(dspA, '/accounts/invite', { email: 'resend.me@a.test', role: 'governor' }).expect(303);
      const id = await idOf('resend.me@a.test');
      expect(await accountsPage(dspA)).toContain(`action="/accounts/${id}/resend"`);
      const sent = await post(dspA, `/accounts/${id}/resend`).expect(303);
      expect(sent.headers.location).toBe('/accounts?changed=resent');
      const [first, second] = await linksTo('resend.me@a.test', 2);
      expect(second).not.toBe(first);
      expect(smtp.to('resend.me@a.test')[1].parsed.subject).toBe(smtp.to('resend.me@a.test')[0].parsed.subject);
      const page = await testApp.http.get(sent.headers.location).set('Cookie', dspA.cookies).expect(200);
      expect(page.text).toContain('Invitation sent again. The earlier link no longer works.');
      await accept(first).expect(400);
      await accept(second).expect(204);
      const after = await accountsPage(dspA);
      expect(statusOf(after, 'resend.me@a.test')).toBe('Active');
      expect(after).not.toContain(`action="/accounts/${id}/resend"`);
    });

    it('is refused with 409 once the invitation is accepted, or while the account is switched off', async () => {
      const sentBefore = smtp.messages.length;
      const accepted = await post(dspA, `/accounts/${await idOf('resend.me@a.test')}/resend`).expect(409);
      expect(accepted.text).toContain('This account has already accepted its invitation.');
      await post(dspA, '/accounts/invite', { email: 'off.before@a.test', role: 'governor' }).expect(303);
      const off = await idOf('off.before@a.test');
      await post(dspA, `/accounts/${off}/disable`).expect(303);
      const refused = await testApp.http
        .post(`/api/users/${off}/resend-invitation`)
        .set(bearer(world.a.dspToken))
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'account-cannot-sign-in' });
      await post(dspA, `/accounts/${off}/resend`).expect(409);
      expect(smtp.messages.length).toBe(sentBefore + 1); // the one invitation only
    });

    it("answers another school's account exactly as an unknown one (404), sending nothing", async () => {
      await post(admin, '/accounts/invite', { email: 'dsp.c@b.test', schoolId: String(world.b.id) }).expect(303);
      const other = await idOf('dsp.c@b.test');
      const adminAccount = await idOf(ADMIN.email);
      const sentBefore = smtp.messages.length;
      await post(dspA, `/accounts/${other}/resend`).expect(404);
      await post(dspA, `/accounts/${adminAccount}/resend`).expect(404);
      const api = (id: number | string) =>
        testApp.http.post(`/api/users/${id}/resend-invitation`).set(bearer(world.a.dspToken));
      const theirs = await api(other).expect(404);
      const unknown = await api(999999).expect(404);
      expect(theirs.body.message.replace(String(other), 'N')).toBe(unknown.body.message.replace('999999', 'N'));
      await api('abc').expect(404);
      await testApp.http.post(`/api/users/${other}/resend-invitation`).set(bearer(world.a.governorToken)).expect(403);
      expect(smtp.messages.length).toBe(sentBefore);
    });

    it("lets an admin send a DSP's invitation again, and the API too", async () => {
      const id = await idOf('dsp.c@b.test');
      await post(admin, `/accounts/${id}/resend`).expect(303);
      await testApp.http.post(`/api/users/${id}/resend-invitation`).set(bearer(world.adminToken)).expect(204);
      const links = await linksTo('dsp.c@b.test', 3);
      await accept(links[1]).expect(400);
      await accept(links[2]).expect(204);
    });

    it('offers the button in Welsh on a Welsh page', async () => {
      await post(dspA, '/accounts/invite', { email: 'cymraeg@a.test', role: 'governor' }).expect(303);
      expect(await accountsPage(dspA, ['lang=cy'])).toContain('Anfon y gwahoddiad eto');
    });
  });

  describe('when mail is down', () => {
    afterEach(() => {
      smtp.behaviour = 'accept';
    });

    it('an invitation keeps the account and says, on the accounts page, that the email did not go', async () => {
      smtp.behaviour = 'refuse';
      const sent = await post(dspA, '/accounts/invite', { email: 'mail.down@a.test', role: 'governor' }).expect(303);
      expect(sent.headers.location).toBe('/accounts?changed=invite-not-sent');
      const page = await testApp.http.get(sent.headers.location).set('Cookie', dspA.cookies).expect(200);
      expect(page.text).toMatch(/role="alert">The account is saved, but the invitation email could not be sent\./);
      expect(statusOf(page.text, 'mail.down@a.test')).toBe('Invited');
      const welsh = await testApp.http
        .get(sent.headers.location)
        .set('Cookie', [...dspA.cookies, 'lang=cy'])
        .expect(200);
      expect(welsh.text).toContain('Mae’r cyfrif wedi’i gadw, ond nid oedd modd anfon yr e-bost gwahoddiad.');

      const resent = await post(dspA, `/accounts/${await idOf('mail.down@a.test')}/resend`).expect(303);
      expect(resent.headers.location).toBe('/accounts?changed=invite-not-sent');

      smtp.behaviour = 'accept';
      await post(dspA, `/accounts/${await idOf('mail.down@a.test')}/resend`).expect(303);
      const [token] = await linksTo('mail.down@a.test');
      await testApp.http.post('/api/auth/invite/accept').send({ token, password: NEW_PASSWORD }).expect(204);
    });

    it('the API answers 503 saying the account is saved and how to send it again', async () => {
      smtp.behaviour = 'refuse';
      const { body } = await testApp.http
        .post('/api/users/invite')
        .set(bearer(world.a.dspToken))
        .send({ email: 'api.down@a.test', role: 'governor' })
        .expect(503);
      const id = await idOf('api.down@a.test');
      expect(body).toMatchObject({ code: 'invitation-not-sent' });
      expect(body.message).toContain(`/api/users/${id}/resend-invitation`);
    });

    it("adding a school keeps it and its DSP's account, and says so on the accounts page", async () => {
      smtp.behaviour = 'refuse';
      const added = await post(admin, '/admin/schools/new', {
        name: 'School c',
        kind: 'school',
        dspEmail: 'dsp@c.test',
      }).expect(303);
      expect(added.headers.location).toBe('/accounts?changed=school-added-invite-not-sent');
      const page = await testApp.http.get(added.headers.location).set('Cookie', admin.cookies).expect(200);
      expect(page.text).toContain(
        'School added and its DSP’s account saved, but the invitation email could not be sent.',
      );
      expect(statusOf(page.text, 'dsp@c.test')).toBe('Invited');
    });

    it('adding a member with an invitation keeps both, and the record says the email did not go', async () => {
      smtp.behaviour = 'refuse';
      const member = { name: 'Mail Down', email: 'member.down@a.test', startDate: '2025-09-01', language: 'en' };
      const added = await post(dspA, '/staff/new', { ...member, invite: 'on' }).expect(303);
      expect(added.headers.location).toMatch(/\/staff\/\d+\?changed=added-invite-not-sent$/);
      const record = await testApp.http.get(added.headers.location).set('Cookie', dspA.cookies).expect(200);
      expect(record.text).toContain('Member of staff added and their account saved, but the invitation email');
      expect(statusOf(await accountsPage(dspA), 'member.down@a.test')).toBe('Invited');
    });
  });
});
