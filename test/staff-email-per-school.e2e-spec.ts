import { buildStaff, PASSWORD, World } from './factories/world';
import { login, tableCounts, TestApp } from './utils/create-test-app';
import { PageSession, signInPage } from './utils/page-session';
import { bearer, useWorld } from './utils/use-world';

const langOf = (html: string) => /<html lang="(\w+)">/.exec(html)?.[1];

/**
 * A staff email is unique within a school, not across the instance: one person may work at
 * two schools, and nothing a DSP does with an address tells them whether another school uses it.
 */
describe('staff emails are unique within a school', () => {
  let testApp: TestApp;
  let world: World;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  const createStaff = (token: string, body: Record<string, unknown>) =>
    testApp.http.post('/api/staff').set(bearer(token)).send(body);
  const staffOf = async (token: string, schoolId: number) =>
    (await testApp.http.get(`/api/staff?schoolId=${schoolId}`).set(bearer(token)).expect(200)).body as {
      id: number;
      email: string;
      name: string;
    }[];

  describe('API', () => {
    it("lets school B add a member with school A's member's email, answering as for a new address", async () => {
      const aBefore = await staffOf(world.a.dspToken, world.a.id);
      const shared = await createStaff(world.b.dspToken, buildStaff(world.b.id, { email: 'S1@A.test', name: 'Shared' }))
        .expect(201)
        .then((response) => response.body as { id: number; email: string; schoolId: number });
      const fresh = await createStaff(world.b.dspToken, buildStaff(world.b.id, { email: 'fresh.person@a.test' }))
        .expect(201)
        .then((response) => response.body as Record<string, unknown>);
      expect(Object.keys(shared).sort()).toEqual(Object.keys(fresh).sort());
      expect(shared).toMatchObject({ email: 's1@a.test', schoolId: world.b.id });
      expect(await staffOf(world.a.dspToken, world.a.id)).toEqual(aBefore);
      expect((await staffOf(world.b.dspToken, world.b.id)).filter((m) => m.email === 's1@a.test')).toEqual([
        expect.objectContaining({ id: shared.id, name: 'Shared' }),
      ]);
    });

    it('still answers 409 for an email used twice in one school, naming no other school', async () => {
      await createStaff(world.b.dspToken, buildStaff(world.b.id, { email: 'twice@b.test' })).expect(201);
      const before = await tableCounts(testApp.dataSource);
      const { body } = await createStaff(world.b.dspToken, buildStaff(world.b.id, { email: 'TWICE@b.test' })).expect(
        409,
      );
      expect(body.message).toBe('A staff member of this school already has email twice@b.test');
      await testApp.http
        .patch(`/api/staff/${world.b.staffIds[2]}`)
        .set(bearer(world.b.dspToken))
        .send({ email: 'twice@b.test' })
        .expect(409);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it("lets an edit take another school's member's email", async () => {
      const { body } = await testApp.http
        .patch(`/api/staff/${world.b.staffIds[1]}`)
        .set(bearer(world.b.dspToken))
        .send({ email: 's2@a.test' })
        .expect(200);
      expect(body.email).toBe('s2@a.test');
    });
  });

  describe('staff form', () => {
    let dspB: PageSession;
    beforeAll(async () => {
      dspB = await signInPage(testApp, 'dsp@b.test', PASSWORD);
    });
    const submit = (email: string) =>
      testApp.http
        .post('/staff/new')
        .set('Cookie', dspB.cookies)
        .type('form')
        .send({ _csrf: dspB.csrf, name: 'Form Person', email, startDate: '2025-09-01', language: 'en' });

    it("saves a member with school A's member's email, and refuses one of the school's own beside the field", async () => {
      await createStaff(world.a.dspToken, buildStaff(world.a.id, { email: 'form.shared@a.test' })).expect(201);
      await submit('form.shared@a.test').expect(303);
      const taken = await submit('s0@b.test').expect(400);
      expect(taken.text).toMatch(
        /id="email-error"[^>]*>[\s\S]*?Another member of staff at this school already has this email address/,
      );
    });
  });

  describe('MIS import', () => {
    const importCsv = (token: string, schoolId: number, csv: string) =>
      testApp.http
        .post(`/api/staff/import?schoolId=${schoolId}`)
        .set(bearer(token))
        .set('Content-Type', 'text/csv')
        .send(csv);

    it("creates school B's member with school A's member's email, leaving A's member as it was", async () => {
      const aBefore = await staffOf(world.a.dspToken, world.a.id);
      const csv = 'email,name,start date\nS0@a.test,Imported Person,01/09/2025\n';
      const { body } = await importCsv(world.b.dspToken, world.b.id, csv).expect(201);
      expect(body).toMatchObject({ created: 1, updated: 0, errors: [] });
      expect(await staffOf(world.a.dspToken, world.a.id)).toEqual(aBefore);
    });

    it('matches a row to the school’s own member with that email, not to another school’s', async () => {
      const csv = 'email,name,start date\ns0@b.test,Renamed Here,2024-09-01\n';
      const { body } = await importCsv(world.b.dspToken, world.b.id, csv).expect(201);
      expect(body).toMatchObject({ created: 0, updated: 1 });
      expect((await staffOf(world.a.dspToken, world.a.id)).map((m) => m.name)).not.toContain('Renamed Here');
    });
  });

  describe('completion import', () => {
    const importCsv = (token: string, csv: string) =>
      testApp.http
        .post('/api/completions/import?dryRun=true')
        .set(bearer(token))
        .set('Content-Type', 'text/csv')
        .send(csv);

    it("a DSP's row finds their own school's member of a shared email", async () => {
      await createStaff(world.a.dspToken, buildStaff(world.a.id, { email: 'both@schools.test' })).expect(201);
      await createStaff(world.b.dspToken, buildStaff(world.b.id, { email: 'both@schools.test' })).expect(201);
      const csv = 'email,course,completed_on,evidence\nboth@schools.test,In-house b,2026-11-01,\n';
      const { body } = await importCsv(world.b.dspToken, csv).expect(200);
      expect(body).toMatchObject({ rows: 1, errors: [] });
    });

    it("refuses an admin's row whose email names members of two schools, naming the row", async () => {
      const csv = 'email,course,completed_on,evidence\nboth@schools.test,Keeping safe online,2026-11-01,\n';
      const { body } = await importCsv(world.adminToken, csv).expect(400);
      expect(body.errors).toEqual([
        expect.objectContaining({
          line: 2,
          problems: [{ code: 'import-email-several-schools', params: { email: 'both@schools.test' } }],
        }),
      ]);
    });
  });

  describe('accounts follow their own school’s record', () => {
    it("a DSP signs in although a leaver at another school has the DSP's email", async () => {
      await createStaff(
        world.b.dspToken,
        buildStaff(world.b.id, { email: 'dsp@a.test', startDate: '2024-09-01', leftOn: '2025-08-31', language: 'cy' }),
      ).expect(201);
      await login(testApp, 'dsp@a.test', PASSWORD);
      const page = await signInPage(testApp, 'dsp@a.test', PASSWORD);
      const account = await testApp.http.get('/account').set('Cookie', page.cookies).expect(200);
      expect(langOf(account.text)).toBe('en');
    });

    it("a staff user's pages follow their own staff record, not a Welsh namesake's at another school", async () => {
      await createStaff(world.b.dspToken, buildStaff(world.b.id, { email: 'staff@a.test', language: 'cy' })).expect(
        201,
      );
      const page = await signInPage(testApp, 'staff@a.test', PASSWORD);
      const account = await testApp.http.get('/account').set('Cookie', page.cookies).expect(200);
      expect(langOf(account.text)).toBe('en');
    });
  });
});
