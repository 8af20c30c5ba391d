import { PASSWORD, World } from './factories/world';
import { ADMIN, tableCounts, TestApp } from './utils/create-test-app';
import { PageSession, postForm, signInPage } from './utils/page-session';
import { bearer, useWorld } from './utils/use-world';

describe('refusals: a school name twice, ids that cannot exist, a tick box neither ticked nor not', () => {
  let testApp: TestApp;
  let world: World;
  let admin: PageSession;
  let dspA: PageSession;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });
  beforeAll(async () => {
    admin = await signInPage(testApp, ADMIN.email, ADMIN.password);
    dspA = await signInPage(testApp, 'dsp@a.test', PASSWORD);
  });

  const post = (session: PageSession, path: string, form: Record<string, string | string[]>) =>
    postForm(testApp, session, path, form);

  describe('school names', () => {
    it.each(['School a', '  SCHOOL A  '])(
      'refuses a new school named %j like another (409 naming name)',
      async (name) => {
        const before = await tableCounts(testApp.dataSource);
        const { body } = await testApp.http
          .post('/api/schools')
          .set(bearer(world.adminToken))
          .send({ name })
          .expect(409);
        expect(body).toMatchObject({ code: 'school-name-taken' });
        expect(await tableCounts(testApp.dataSource)).toEqual(before);
      },
    );

    it('refuses renaming a school to another school’s name, and allows keeping its own', async () => {
      await testApp.http
        .patch(`/api/schools/${world.b.id}`)
        .set(bearer(world.adminToken))
        .send({ name: 'school A' })
        .expect(409);
      await testApp.http
        .patch(`/api/schools/${world.b.id}`)
        .set(bearer(world.adminToken))
        .send({ name: 'School B' })
        .expect(200);
    });

    it('says so beside the name on the add-a-school page, saving neither school nor DSP', async () => {
      const before = await tableCounts(testApp.dataSource);
      const refused = await post(admin, '/admin/schools/new', {
        name: 'School a',
        kind: 'school',
        dspEmail: 'dsp@twin.test',
      }).expect(400);
      expect(refused.text).toMatch(/id="name-error"[^>]*>[\s\S]*?Another school already has this name\./);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
      await post(admin, '/admin/schools/new', { name: 'School c', kind: 'school', dspEmail: 'dsp@c.test' }).expect(303);
    });
  });

  describe('ids that cannot exist answer 404, as unknown ids do', () => {
    it.each(['/certificates/abc', '/certificates/1.5', '/courses/abc/edit', '/staff/abc/audit'])(
      'GET %s',
      async (path) => {
        await testApp.http.get(path).set('Cookie', dspA.cookies).expect(404);
      },
    );

    it('and in the API', async () => {
      await testApp.http.patch('/api/users/abc').set(bearer(world.adminToken)).send({ disabled: true }).expect(404);
      await testApp.http.get('/api/schools/abc/requirements').set(bearer(world.adminToken)).expect(404);
      await testApp.http.get('/certificates/999999').set('Cookie', dspA.cookies).expect(404);
    });
  });

  describe('tick boxes', () => {
    it('refuses a value other than ticked or not with 400 naming the field, saving nothing', async () => {
      const before = await tableCounts(testApp.dataSource);
      const member = { name: 'Tick Box', email: 'tick.box@a.test', startDate: '2025-09-01', language: 'en' };
      const refused = await post(dspA, '/staff/new', { ...member, onlineSafetyGroup: 'maybe' }).expect(400);
      expect(refused.text).toContain('href="#onlineSafetyGroup"');
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
      await post(dspA, '/staff/new', { ...member, onlineSafetyGroup: 'on' }).expect(303);
      const { body } = await testApp.http.get(`/api/staff?schoolId=${world.a.id}`).set(bearer(world.a.dspToken));
      expect(body).toContainEqual(expect.objectContaining({ email: 'tick.box@a.test', onlineSafetyGroup: true }));
    });
  });
});
