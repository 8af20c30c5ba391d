import { buildStaff, buildWorld, PASSWORD, World } from './factories/world';
import { ADMIN, createTestApp, login, tableCounts, TestApp } from './utils/create-test-app';
import { SmtpCapture } from './utils/smtp-capture';
import { bearer } from './utils/use-world';

const APP_URL = 'https://tracker.school.example';
const NEW_PASSWORD = 'a-brand-new-passphrase';

describe('accounts', () => {
  let testApp: TestApp;
  let world: World;
  const smtp = new SmtpCapture();

  beforeAll(async () => {
    await smtp.start();
    testApp = await createTestApp({ env: { SMTP_URL: smtp.url, APP_URL } });
    world = await buildWorld(testApp);
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.clear());

  const usersOf = async (token: string, query = '') =>
    (await testApp.http.get(`/api/users${query}`).set(bearer(token)).expect(200)).body as {
      id: number;
      email: string;
    }[];
  const idOf = async (email: string) => (await usersOf(world.adminToken)).find((user) => user.email === email)!.id;
  const signInStatus = async (email: string, password: string) =>
    (await testApp.http.post('/api/auth/login').send({ email, password })).status;
  const status = async (token: string) => (await testApp.http.get('/api/courses').set(bearer(token))).status;

  /** Waits for the email to arrive at the capture (some are sent after the answer). */
  async function mailTo(address: string) {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const [message] = smtp.to(address);
      if (message) return message.parsed;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`No email to ${address}`);
  }
  const linkIn = (text: string | undefined, kind: 'invite' | 'reset') => {
    const match = new RegExp(`${APP_URL}/${kind}/([A-Za-z0-9_-]+)`).exec(text ?? '');
    if (!match) throw new Error(`No ${kind} link in: ${text}`);
    return match[1];
  };

  /** Signs in through the login page, as a browser does: the session cookie. */
  async function pageSession(email: string, password: string): Promise<string[]> {
    const form = await testApp.http.get('/login').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const cookies = ((form.headers['set-cookie'] as unknown as string[]) ?? []).map((cookie) => cookie.split(';')[0]);
    const signedIn = await testApp.http
      .post('/login')
      .set('Cookie', cookies)
      .type('form')
      .send({ email, password, _csrf: csrf })
      .expect(303);
    const session = ((signedIn.headers['set-cookie'] as unknown as string[]) ?? []).map(
      (cookie) => cookie.split(';')[0],
    );
    return [...cookies.filter((cookie) => !cookie.startsWith('session=')), ...session];
  }

  async function addUser(token: string, body: Record<string, unknown>): Promise<number> {
    const response = await testApp.http
      .post('/api/users')
      .set(bearer(token))
      .send({ password: PASSWORD, ...body })
      .expect(201);
    return response.body.id as number;
  }

  describe('GET /api/users', () => {
    it('lists accounts with role, school, staff link, disabled and last sign-in, never a hash', async () => {
      const all = await usersOf(world.adminToken);
      const dsp = all.find((user) => user.email === 'dsp@a.test');
      expect(dsp).toEqual({
        id: expect.any(Number),
        email: 'dsp@a.test',
        role: 'dsp',
        schoolId: world.a.id,
        staffId: null,
        disabled: false,
        lastSignInAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(JSON.stringify(all)).not.toMatch(/passwordHash|\$2[aby]\$/);
      expect(all.map((user) => user.email)).toEqual(expect.arrayContaining([ADMIN.email, 'dsp@b.test']));
    });

    it('gives a DSP their own school only; another school is 404; governors and staff 403', async () => {
      const mine = await usersOf(world.a.dspToken);
      expect(mine.map((user) => user.email).sort()).toEqual(
        expect.arrayContaining(['dsp@a.test', 'governor@a.test', 'staff@a.test']),
      );
      expect(mine.every((user) => user.email.endsWith('@a.test'))).toBe(true);
      await testApp.http.get(`/api/users?schoolId=${world.b.id}`).set(bearer(world.a.dspToken)).expect(404);
      await testApp.http.get('/api/users').set(bearer(world.a.governorToken)).expect(403);
      await testApp.http.get('/api/users').set(bearer(world.a.staffToken)).expect(403);
      const onlyB = await usersOf(world.adminToken, `?schoolId=${world.b.id}`);
      expect(onlyB.every((user) => user.email.endsWith('@b.test'))).toBe(true);
    });
  });

  describe('PATCH /api/users/:id', () => {
    it('disabling ends the account’s tokens and page sessions at once; re-enabling lets it sign in again', async () => {
      const id = await addUser(world.a.dspToken, { email: 'deputy@a.test', role: 'dsp' });
      const token = await login(testApp, 'deputy@a.test', PASSWORD);
      const session = await pageSession('deputy@a.test', PASSWORD);
      await expect(status(token)).resolves.toBe(200);
      await testApp.http.get('/staff').set('Cookie', session).expect(200);
      const { body } = await testApp.http
        .patch(`/api/users/${id}`)
        .set(bearer(world.a.dspToken))
        .send({ disabled: true })
        .expect(200);
      expect(body).toMatchObject({ id, disabled: true });
      await expect(status(token)).resolves.toBe(401);
      await testApp.http.get('/staff').set('Cookie', session).expect(303);
      await expect(signInStatus('deputy@a.test', PASSWORD)).resolves.toBe(401);
      await testApp.http.patch(`/api/users/${id}`).set(bearer(world.a.dspToken)).send({ disabled: false }).expect(200);
      await expect(signInStatus('deputy@a.test', PASSWORD)).resolves.toBe(200);
      // The token from before stays dead.
      await expect(status(token)).resolves.toBe(401);
    });

    it('changes a role between school roles', async () => {
      const id = await addUser(world.a.dspToken, { email: 'clerk@a.test', role: 'governor' });
      const token = await login(testApp, 'clerk@a.test', PASSWORD);
      await testApp.http.get('/api/users').set(bearer(token)).expect(403);
      await testApp.http.patch(`/api/users/${id}`).set(bearer(world.a.dspToken)).send({ role: 'dsp' }).expect(200);
      await testApp.http.get('/api/users').set(bearer(token)).expect(200);
    });

    it('keeps a DSP to their own school and away from admin, changing nothing', async () => {
      const before = await tableCounts(testApp.dataSource);
      const governorA = await idOf('governor@a.test');
      await testApp.http
        .patch(`/api/users/${await idOf('governor@b.test')}`)
        .set(bearer(world.a.dspToken))
        .send({ disabled: true })
        .expect(404);
      await testApp.http
        .patch(`/api/users/${await idOf(ADMIN.email)}`)
        .set(bearer(world.a.dspToken))
        .send({ disabled: true })
        .expect(404);
      await testApp.http
        .patch(`/api/users/${governorA}`)
        .set(bearer(world.a.dspToken))
        .send({ role: 'admin' })
        .expect(403);
      await testApp.http
        .patch(`/api/users/${governorA}`)
        .set(bearer(world.a.governorToken))
        .send({ disabled: true })
        .expect(403);
      const self = await testApp.http
        .patch(`/api/users/${await idOf('dsp@a.test')}`)
        .set(bearer(world.a.dspToken))
        .send({ disabled: true })
        .expect(400);
      expect(self.body.errors[0].field).toBe('disabled');
      const bad = await testApp.http
        .patch(`/api/users/${governorA}`)
        .set(bearer(world.a.dspToken))
        .send({ disabled: 'yes', passwordHash: 'x' })
        .expect(400);
      expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(
        expect.arrayContaining(['disabled', 'passwordHash']),
      );
      await testApp.http.patch('/api/users/999999').set(bearer(world.adminToken)).send({ disabled: true }).expect(404);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
      await expect(signInStatus('governor@a.test', PASSWORD)).resolves.toBe(200);
    });
  });

  describe('leavers', () => {
    it.each([
      ['DELETE /api/staff/:id', 'delete'],
      ['PATCH leftOn', 'patch'],
    ])('marking the linked staff member as a leaver (%s) ends the account’s sign-ins', async (_name, how) => {
      const member = await testApp.http
        .post('/api/staff')
        .set(bearer(world.adminToken))
        .send(buildStaff(world.a.id, { email: `leaving-${how}@a.test`, safeguardingRole: 'dsp' }))
        .expect(201);
      await addUser(world.adminToken, {
        email: `leaving-${how}@a.test`,
        role: 'dsp',
        schoolId: world.a.id,
        staffId: member.body.id,
      });
      const token = await login(testApp, `leaving-${how}@a.test`, PASSWORD);
      await expect(status(token)).resolves.toBe(200);
      if (how === 'delete')
        await testApp.http.delete(`/api/staff/${member.body.id}`).set(bearer(world.a.dspToken)).expect(200);
      else
        await testApp.http
          .patch(`/api/staff/${member.body.id}`)
          .set(bearer(world.a.dspToken))
          .send({ leftOn: '2026-11-27' })
          .expect(200);
      await expect(status(token)).resolves.toBe(401);
      await expect(signInStatus(`leaving-${how}@a.test`, PASSWORD)).resolves.toBe(401);
    });

    it('a DSP account without a staff link is ended by the leave of the staff record with its email', async () => {
      await testApp.http
        .post('/api/staff')
        .set(bearer(world.adminToken))
        .send(buildStaff(world.a.id, { email: 'unlinked-dsp@a.test' }))
        .expect(201)
        .then((response) =>
          testApp.http.delete(`/api/staff/${response.body.id}`).set(bearer(world.adminToken)).expect(200),
        );
      await addUser(world.adminToken, { email: 'unlinked-dsp@a.test', role: 'dsp', schoolId: world.a.id });
      await expect(signInStatus('unlinked-dsp@a.test', PASSWORD)).resolves.toBe(401);
    });

    it('a leave date still to come does not end the sign-ins yet', async () => {
      const member = await testApp.http
        .post('/api/staff')
        .set(bearer(world.adminToken))
        .send(buildStaff(world.a.id, { email: 'leaving-later@a.test', leftOn: '2026-12-31' }))
        .expect(201);
      await addUser(world.adminToken, {
        email: 'leaving-later@a.test',
        role: 'staff',
        schoolId: world.a.id,
        staffId: member.body.id,
      });
      await expect(signInStatus('leaving-later@a.test', PASSWORD)).resolves.toBe(200);
    });
  });

  describe('POST /api/users/invite and POST /api/auth/invite/accept', () => {
    it(
      'emails a single-use link to choose a password, in the staff member’s language, and ' + 'stores only its hash',
      async () => {
        const member = await testApp.http
          .post('/api/staff')
          .set(bearer(world.adminToken))
          .send(buildStaff(world.a.id, { email: 'eleri@a.test', language: 'cy' }))
          .expect(201);
        const { body } = await testApp.http
          .post('/api/users/invite')
          .set(bearer(world.a.dspToken))
          .send({ email: 'Eleri@A.test', role: 'staff', staffId: member.body.id })
          .expect(201);
        expect(body).toMatchObject({ email: 'eleri@a.test', role: 'staff', schoolId: world.a.id, lastSignInAt: null });
        const mail = await mailTo('eleri@a.test');
        expect(mail.subject).toMatch(/gwahoddiad/);
        expect(mail.html).toContain(`${APP_URL}/invite/`);
        const token = linkIn(mail.text, 'invite');
        const stored = JSON.stringify(await testApp.dataSource.query('SELECT * FROM account_token'));
        expect(stored).not.toContain(token);
        // Nobody can sign in before the password is chosen.
        await expect(signInStatus('eleri@a.test', NEW_PASSWORD)).resolves.toBe(401);
        await testApp.http.post('/api/auth/invite/accept').send({ token, password: 'password1234' }).expect(400);
        await testApp.http.post('/api/auth/invite/accept').send({ token, password: NEW_PASSWORD }).expect(204);
        await expect(signInStatus('eleri@a.test', NEW_PASSWORD)).resolves.toBe(200);
        const again = await testApp.http
          .post('/api/auth/invite/accept')
          .send({ token, password: 'another-new-passphrase' })
          .expect(400);
        expect(again.body.errors[0].field).toBe('token');
      },
    );

    it('sends English by default and refuses an expired link', async () => {
      await testApp.http
        .post('/api/users/invite')
        .set(bearer(world.adminToken))
        .send({ email: 'governor2@b.test', role: 'governor', schoolId: world.b.id })
        .expect(201);
      const mail = await mailTo('governor2@b.test');
      expect(mail.subject).toMatch(/invited/);
      expect(mail.text).toContain('School b');
      await testApp.dataSource.query(`UPDATE account_token SET "expiresAt" = '2000-01-01T00:00:00.000Z'`);
      await testApp.http
        .post('/api/auth/invite/accept')
        .send({ token: linkIn(mail.text, 'invite'), password: NEW_PASSWORD })
        .expect(400);
    });

    it('refuses an email already used (409), another school or admin from a DSP (403), and sends nothing', async () => {
      await testApp.http
        .post('/api/users/invite')
        .set(bearer(world.a.dspToken))
        .send({ email: 'governor@a.test', role: 'governor' })
        .expect(409);
      await testApp.http
        .post('/api/users/invite')
        .set(bearer(world.a.dspToken))
        .send({ email: 'x@b.test', role: 'governor', schoolId: world.b.id })
        .expect(403);
      await testApp.http
        .post('/api/users/invite')
        .set(bearer(world.a.dspToken))
        .send({ email: 'x@a.test', role: 'admin' })
        .expect(403);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(smtp.messages).toHaveLength(0);
    });
  });

  describe('inviting a leaver', () => {
    it('is refused with 400 naming staffId: their account could never sign in; nothing is saved or sent', async () => {
      const member = await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send(buildStaff(world.a.id, { email: 'has-left@a.test', startDate: '2020-01-01', leftOn: '2026-11-27' }))
        .expect(201);
      const refused = await testApp.http
        .post('/api/users/invite')
        .set(bearer(world.a.dspToken))
        .send({ email: 'has-left@a.test', role: 'staff', staffId: member.body.id })
        .expect(400);
      expect(JSON.stringify(refused.body)).toContain('staffId');
      expect((await usersOf(world.adminToken)).map((user) => user.email)).not.toContain('has-left@a.test');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(smtp.messages).toHaveLength(0);
    });
  });

  describe('password reset', () => {
    it('always answers 202, and emails a one-hour single-use link only to an existing account', async () => {
      await testApp.http.post('/api/auth/password-reset').send({ email: 'nobody@a.test' }).expect(202);
      await testApp.http.post('/api/auth/password-reset').send({ email: 'not-an-email' }).expect(400);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.messages).toHaveLength(0);

      await addUser(world.adminToken, { email: 'forgetful@a.test', role: 'governor', schoolId: world.a.id });
      const oldToken = await login(testApp, 'forgetful@a.test', PASSWORD);
      await testApp.http.post('/api/auth/password-reset').send({ email: 'FORGETFUL@a.test' }).expect(202);
      const mail = await mailTo('forgetful@a.test');
      expect(mail.text).toMatch(/within 1 hour/);
      const token = linkIn(mail.text, 'reset');
      const [row] = await testApp.dataSource.query(
        `SELECT "expiresAt", "createdAt" FROM account_token WHERE purpose = 'reset'`,
      );
      expect(Date.parse(row.expiresAt) - Date.parse(row.createdAt)).toBe(3_600_000);

      await testApp.http.post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);
      await expect(status(oldToken)).resolves.toBe(401);
      await expect(signInStatus('forgetful@a.test', PASSWORD)).resolves.toBe(401);
      await expect(signInStatus('forgetful@a.test', NEW_PASSWORD)).resolves.toBe(200);
      await testApp.http
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: 'yet-another-passphrase' })
        .expect(400);
    });

    it('sends nothing for a disabled account, and disabling kills a link already sent', async () => {
      const id = await addUser(world.adminToken, {
        email: 'switched-off@a.test',
        role: 'governor',
        schoolId: world.a.id,
      });
      await testApp.http.post('/api/auth/password-reset').send({ email: 'switched-off@a.test' }).expect(202);
      const token = linkIn((await mailTo('switched-off@a.test')).text, 'reset');
      await testApp.http.patch(`/api/users/${id}`).set(bearer(world.adminToken)).send({ disabled: true }).expect(200);
      await testApp.http.post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(400);
      smtp.clear();
      await testApp.http.post('/api/auth/password-reset').send({ email: 'switched-off@a.test' }).expect(202);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.messages).toHaveLength(0);
    });
  });

  describe('POST /api/auth/password', () => {
    it('changes one’s own password after checking the current one, ending the other sessions', async () => {
      await addUser(world.adminToken, { email: 'changer@a.test', role: 'governor', schoolId: world.a.id });
      const other = await login(testApp, 'changer@a.test', PASSWORD);
      const mine = await login(testApp, 'changer@a.test', PASSWORD);
      const wrong = await testApp.http
        .post('/api/auth/password')
        .set(bearer(mine))
        .send({ current: 'not-my-password', password: NEW_PASSWORD })
        .expect(400);
      expect(wrong.body.errors[0].field).toBe('current');
      const { body } = await testApp.http
        .post('/api/auth/password')
        .set(bearer(mine))
        .send({ current: PASSWORD, password: NEW_PASSWORD })
        .expect(200);
      await expect(status(other)).resolves.toBe(401);
      await expect(status(body.token)).resolves.toBe(200);
      await expect(signInStatus('changer@a.test', NEW_PASSWORD)).resolves.toBe(200);
      await testApp.http.post('/api/auth/password').send({ current: PASSWORD, password: NEW_PASSWORD }).expect(401);
    });
  });

  describe('POST /api/users/:id/clear-failures', () => {
    it('is for admins only', async () => {
      const id = await idOf('governor@a.test');
      await testApp.http.post(`/api/users/${id}/clear-failures`).set(bearer(world.a.dspToken)).expect(403);
      await testApp.http.post(`/api/users/${id}/clear-failures`).set(bearer(world.adminToken)).expect(204);
      await testApp.http.post('/api/users/999999/clear-failures').set(bearer(world.adminToken)).expect(404);
    });
  });
});
