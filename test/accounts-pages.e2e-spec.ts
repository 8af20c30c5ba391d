import { buildWorld, PASSWORD, World } from './factories/world';
import { ADMIN, createTestApp, login, tableCounts, TestApp } from './utils/create-test-app';
import { PageSession, postForm, signInPage } from './utils/page-session';
import { SmtpCapture } from './utils/smtp-capture';
import { bearer } from './utils/use-world';

const APP_URL = 'http://tracker.school.example';

describe('accounts pages: invite, switch off and on, a new school with its DSP, invitations on import', () => {
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

  const post = (session: PageSession, path: string, form: Record<string, string | string[]>) =>
    postForm(testApp, session, path, form);

  async function accountOf(email: string) {
    const [row] = await testApp.dataSource.query(
      `SELECT id, role, "schoolId", "staffId", disabled FROM app_user WHERE email = '${email}'`,
    );
    return row as { id: number; role: string; schoolId: number; staffId: number | null; disabled: unknown } | undefined;
  }

  async function inviteLinkTo(address: string): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const text = smtp.to(address).at(-1)?.parsed.text;
      const match = text && new RegExp(`${APP_URL}/invite/[A-Za-z0-9_-]+`).exec(text);
      if (match) return match[0];
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`No invitation email to ${address}`);
  }

  describe('GET /accounts', () => {
    it("shows a DSP their own school's accounts only, with role, linked member and last sign-in", async () => {
      const page = await testApp.http.get('/accounts').set('Cookie', dspA.cookies).expect(200);
      expect(page.text).toContain('governor@a.test');
      expect(page.text).toContain('staff@a.test');
      expect(page.text).toContain('>Member a0</a>');
      expect(page.text).not.toContain('@b.test');
      expect(page.text).toMatch(/<td>\d{1,2} [A-Z][a-z]+ \d{4}<\/td>/); // signed in: the day, not "Never"
    });

    it('shows an admin the DSPs of every school, with their school', async () => {
      const page = await testApp.http.get('/accounts').set('Cookie', admin.cookies).expect(200);
      expect(page.text).toContain('dsp@a.test');
      expect(page.text).toContain('dsp@b.test');
      expect(page.text).not.toContain('governor@a.test');
      expect(page.text).toContain('School b');
    });

    it('is refused to governors and staff', async () => {
      for (const email of ['governor@a.test', 'staff@a.test']) {
        const session = await signInPage(testApp, email, PASSWORD);
        await testApp.http.get('/accounts').set('Cookie', session.cookies).expect(403);
        await post(session, '/accounts/invite', { email: 'x@a.test', role: 'governor' }).expect(403);
      }
    });
  });

  describe('POST /accounts/invite', () => {
    it('creates a governor account for the DSP’s school and emails a single-use link', async () => {
      const sent = await post(dspA, '/accounts/invite', { email: 'New.Governor@A.test', role: 'governor' });
      expect(sent.status).toBe(303);
      expect(sent.headers.location).toBe('/accounts?changed=invited');
      await expect(accountOf('new.governor@a.test')).resolves.toMatchObject({ role: 'governor', schoolId: world.a.id });
      await expect(inviteLinkTo('new.governor@a.test')).resolves.toContain(`${APP_URL}/invite/`);
    });

    it('writes the invitation in the language of the page it was sent from', async () => {
      await testApp.http
        .post('/accounts/invite')
        .set('Cookie', [...dspA.cookies, 'lang=cy'])
        .type('form')
        .send({ email: 'llywodraethwr@a.test', role: 'governor', _csrf: dspA.csrf })
        .expect(303);
      await inviteLinkTo('llywodraethwr@a.test');
      expect(smtp.to('llywodraethwr@a.test')[0].parsed.subject).toBe(
        'Rydych wedi cael gwahoddiad i’r traciwr hyfforddiant diogelwch ar-lein ar gyfer School a',
      );
    });

    it('links a staff account to the chosen member of the school', async () => {
      const staffId = String(world.a.staffIds[1]);
      await post(dspA, '/accounts/invite', { email: 's1@a.test', role: 'staff', staffId }).expect(303);
      await expect(accountOf('s1@a.test')).resolves.toMatchObject({ role: 'staff', staffId: world.a.staffIds[1] });
    });

    it.each([
      [{ email: 'not-an-email', role: 'governor' }, 'Enter a valid email address.'],
      [{ email: 'dsp@b.test', role: 'governor' }, 'An account already uses this email address.'],
      [{ email: 'someone@a.test', role: 'admin' }, 'Choose what the account is for.'],
      [{ email: 'someone@a.test', role: 'staff' }, 'Choose a member of staff.'],
    ])('refuses %j with 400 beside the field, keeping what was typed and changing nothing', async (form, message) => {
      const before = await tableCounts(testApp.dataSource);
      const sentBefore = smtp.messages.length;
      const refused = await post(dspA, '/accounts/invite', form);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(message);
      expect(refused.text).toContain(`value="${form.email}"`);
      await expect(tableCounts(testApp.dataSource)).resolves.toEqual(before);
      expect(smtp.messages.length).toBe(sentBefore);
    });

    it("refuses a link to another school's member, and an admin's invitation needs a school", async () => {
      const before = await tableCounts(testApp.dataSource);
      const otherSchool = { email: 'x@a.test', role: 'staff', staffId: String(world.b.staffIds[1]) };
      await post(dspA, '/accounts/invite', otherSchool).expect(400);
      const noSchool = await post(admin, '/accounts/invite', { email: 'dsp2@a.test', schoolId: '' });
      expect(noSchool.status).toBe(400);
      expect(noSchool.text).toContain('Choose a school.');
      await expect(tableCounts(testApp.dataSource)).resolves.toEqual(before);
    });

    it('lets an admin invite a DSP for a school, and only a DSP', async () => {
      const form = { email: 'deputy@b.test', role: 'governor', schoolId: String(world.b.id) };
      await post(admin, '/accounts/invite', form).expect(303);
      await expect(accountOf('deputy@b.test')).resolves.toMatchObject({ role: 'dsp', schoolId: world.b.id });
    });
  });

  describe('POST /accounts/:id/disable and /enable', () => {
    it('switches an account off, ending its sessions at once, and on again', async () => {
      const governor = await accountOf('governor@a.test');
      await post(dspA, `/accounts/${governor!.id}/disable`, {})
        .expect(303)
        .expect('Location', '/accounts?changed=disabled');
      await testApp.http.get(`/api/schools/${world.a.id}/compliance`).set(bearer(world.a.governorToken)).expect(401);
      await testApp.http.post('/api/auth/login').send({ email: 'governor@a.test', password: PASSWORD }).expect(401);
      const page = await testApp.http.get('/accounts?changed=disabled').set('Cookie', dspA.cookies).expect(200);
      expect(page.text).toContain('Switched off');
      await post(dspA, `/accounts/${governor!.id}/enable`, {})
        .expect(303)
        .expect('Location', '/accounts?changed=enabled');
      await expect(login(testApp, 'governor@a.test', PASSWORD)).resolves.toEqual(expect.any(String));
    });

    it("is 404 for another school's account, which stays as it was", async () => {
      const other = await accountOf('governor@b.test');
      await post(dspA, `/accounts/${other!.id}/disable`, {}).expect(404);
      await expect(login(testApp, 'governor@b.test', PASSWORD)).resolves.toEqual(expect.any(String));
    });

    it("lets an admin switch a school's DSP off and on", async () => {
      const dspB = await accountOf('dsp@b.test');
      await post(admin, `/accounts/${dspB!.id}/disable`, {}).expect(303);
      await testApp.http.get('/api/staff').set(bearer(world.b.dspToken)).expect(401);
      await post(admin, `/accounts/${dspB!.id}/enable`, {}).expect(303);
      await expect(login(testApp, 'dsp@b.test', PASSWORD)).resolves.toEqual(expect.any(String));
    });

    it('refuses to switch off one’s own account', async () => {
      const own = await accountOf('dsp@a.test');
      const refused = await post(dspA, `/accounts/${own!.id}/disable`, {});
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('You cannot switch off your own account.');
      expect(Boolean((await accountOf('dsp@a.test'))!.disabled)).toBe(false);
    });
  });

  describe('POST /admin/schools/new', () => {
    it('refuses a blank name or a taken DSP email with 400, creating no school and no account', async () => {
      const before = await tableCounts(testApp.dataSource);
      const blank = await post(admin, '/admin/schools/new', { name: ' ', kind: 'school', dspEmail: 'bad' });
      expect(blank.status).toBe(400);
      expect(blank.text).toContain('Enter the name, up to 200 characters.');
      expect(blank.text).toContain('value="bad"');
      const taken = await post(admin, '/admin/schools/new', {
        name: 'Ysgol Newydd',
        kind: 'school',
        dspEmail: 'dsp@a.test',
      });
      expect(taken.status).toBe(400);
      expect(taken.text).toContain('An account already uses this email address.');
      expect(taken.text).toContain('value="Ysgol Newydd"');
      await expect(tableCounts(testApp.dataSource)).resolves.toEqual(before);
    });

    it('creates the school and its first DSP together, and emails the DSP an invitation', async () => {
      const created = await post(admin, '/admin/schools/new', {
        name: 'Ysgol Newydd',
        kind: 'college',
        dspEmail: 'pennaeth@newydd.test',
      });
      expect(created.status).toBe(303);
      expect(created.headers.location).toBe('/accounts?changed=school-added');
      const [school] = await testApp.dataSource.query(`SELECT id, kind FROM school WHERE name = 'Ysgol Newydd'`);
      expect(school.kind).toBe('college');
      await expect(accountOf('pennaeth@newydd.test')).resolves.toMatchObject({ role: 'dsp', schoolId: school.id });
      await expect(inviteLinkTo('pennaeth@newydd.test')).resolves.toContain('/invite/');
    });

    it('is refused to a DSP', async () => {
      await testApp.http.get('/admin/schools/new').set('Cookie', dspA.cookies).expect(403);
      await post(dspA, '/admin/schools/new', { name: 'X', kind: 'school', dspEmail: 'x@x.test' }).expect(403);
    });
  });

  describe('MIS import with "invite each new member"', () => {
    it('creates an account for each new member whose email no account uses, and emails them after saving', async () => {
      const csv = [
        'email,name,start date',
        'ffion@a.test,Ffion Hughes,01/09/2025',
        'governor@a.test,Gareth Jones,01/09/2025',
        's2@a.test,Member a2,2024-09-01',
      ].join('\n');
      const checked = await testApp.http
        .post('/staff/import')
        .set('Cookie', dspA.cookies)
        .field('_csrf', dspA.csrf)
        .field('invite', 'on')
        .attach('file', Buffer.from(csv), { filename: 'mis.csv', contentType: 'text/csv' })
        .expect(200);
      expect(checked.text).toContain('each new member of staff will be emailed an invitation');
      const uploadId = /name="uploadId" value="([^"]+)"/.exec(checked.text)![1];
      const done = await post(dspA, '/staff/import/confirm', { uploadId }).expect(303);
      expect(done.headers.location).toContain('created=2');
      expect(done.headers.location).toContain('invited=1&inviteFailed=0');
      const [ffion] = await testApp.dataSource.query(`SELECT id FROM staff_member WHERE email = 'ffion@a.test'`);
      await expect(accountOf('ffion@a.test')).resolves.toMatchObject({ role: 'staff', staffId: ffion.id });
      await expect(inviteLinkTo('ffion@a.test')).resolves.toContain('/invite/');
      // The governor's account keeps its role; an existing member (s2) gets no account from the import.
      await expect(accountOf('governor@a.test')).resolves.toMatchObject({ role: 'governor', staffId: null });
      await expect(accountOf('s2@a.test')).resolves.toBeUndefined();
      const page = await testApp.http.get(done.headers.location).set('Cookie', dspA.cookies).expect(200);
      expect(page.text).toContain('Invitations emailed to new staff: 1.');
    });

    it('without the tick, creates no account', async () => {
      const csv = 'email,name,start date\nrhys@a.test,Rhys Evans,01/09/2025\n';
      const checked = await testApp.http
        .post('/staff/import')
        .set('Cookie', dspA.cookies)
        .field('_csrf', dspA.csrf)
        .attach('file', Buffer.from(csv), { filename: 'mis.csv', contentType: 'text/csv' })
        .expect(200);
      const uploadId = /name="uploadId" value="([^"]+)"/.exec(checked.text)![1];
      const done = await post(dspA, '/staff/import/confirm', { uploadId }).expect(303);
      expect(done.headers.location).not.toContain('invited');
      await expect(accountOf('rhys@a.test')).resolves.toBeUndefined();
    });
  });
});
