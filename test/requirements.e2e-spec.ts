import { latestCompletionPerCourse } from '../src/compliance/latest-completions';
import { SchoolRecordsLoader } from '../src/compliance/school-records.loader';
import { School } from '../src/schools/school.entity';
import { buildStaff, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { bearer, useWorld } from './utils/use-world';

const DEFAULT_CODES = ['online-safety', 'osh-response', 'safeguarding', 'dsp-advanced', 'filtering-monitoring'];

describe('requirements (the training matrix)', () => {
  let testApp: TestApp;
  let world: World;
  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });
  const path = (schoolId: number, code = '') => `/api/schools/${schoolId}/requirements${code ? `/${code}` : ''}`;
  const prevent = {
    code: 'prevent-duty',
    titleEn: 'Prevent duty',
    titleCy: 'Dyletswydd Prevent',
    audience: ['dsp', 'deputy-dsp', 'senior-leader'],
    topics: ['safeguarding'],
    refreshMonths: 24,
    induction: false,
  };

  describe('GET /api/schools/:id/requirements', () => {
    it('gives every school the five defaults, in order, with the first two permanent', async () => {
      const { body } = await testApp.http.get(path(world.a.id)).set(bearer(world.a.dspToken)).expect(200);
      expect(body.map((row: { code: string }) => row.code)).toEqual(DEFAULT_CODES);
      expect(body[0]).toEqual({
        code: 'online-safety',
        titleEn: 'Online safety',
        titleCy: 'Diogelwch ar-lein',
        audience: 'all-staff',
        topics: ['online-safety'],
        refreshMonths: 12,
        followsAnnualRefresh: true,
        induction: true,
        removable: false,
      });
      expect(body[3]).toMatchObject({ code: 'dsp-advanced', refreshMonths: null, followsAnnualRefresh: false });
      expect(body[4]).toMatchObject({ audience: ['filtering-lead', 'senior-leader'], removable: true });
    });

    it(
      'lets governors and admins read it; refuses staff (403) and another school’s DSP (404, ' + 'as if unknown)',
      async () => {
        await testApp.http.get(path(world.a.id)).set(bearer(world.a.governorToken)).expect(200);
        await testApp.http.get(path(world.a.id)).set(bearer(world.adminToken)).expect(200);
        await testApp.http.get(path(world.a.id)).set(bearer(world.a.staffToken)).expect(403);
        await testApp.http.get(path(world.a.id)).set(bearer(world.b.dspToken)).expect(404);
        await testApp.http.get(path(9999)).set(bearer(world.adminToken)).expect(404);
        await testApp.http.get(path(world.a.id)).expect(401);
      },
    );

    it('follows the school’s annual refresh months', async () => {
      const school = await testApp.http
        .post('/api/schools')
        .set(bearer(world.adminToken))
        .send({ name: 'Ysgol Deg', annualRefreshMonths: 10 })
        .expect(201);
      const { body } = await testApp.http.get(path(school.body.id)).set(bearer(world.adminToken)).expect(200);
      expect(body[0].refreshMonths).toBe(10);
    });
  });

  describe('POST /api/schools/:id/requirements', () => {
    it('adds the school’s own requirement (DSP), and refuses a duplicate code with 409', async () => {
      const created = await testApp.http.post(path(world.a.id)).set(bearer(world.a.dspToken)).send(prevent).expect(201);
      expect(created.body).toEqual({ ...prevent, followsAnnualRefresh: false, removable: true });
      await testApp.http.post(path(world.a.id)).set(bearer(world.a.dspToken)).send(prevent).expect(409);
      const { body } = await testApp.http.get(path(world.b.id)).set(bearer(world.b.dspToken)).expect(200);
      expect(body.map((row: { code: string }) => row.code)).not.toContain('prevent-duty');
    });

    it.each([
      ['code', { code: 'Not A Code' }],
      ['audience', { audience: 'everyone' }],
      ['audience', { audience: ['dsp', 'caretaker'] }],
      ['audience', { audience: [] }],
      ['topics', { topics: [] }],
      ['topics', { topics: ['knitting'] }],
      ['refreshMonths', { refreshMonths: 0 }],
      ['titleCy', { titleCy: '' }],
      ['induction', { induction: 'yes' }],
    ])('refuses a bad %s with 400 naming it, and changes nothing', async (field, change) => {
      const requirementRows = () => testApp.dataSource.query('SELECT COUNT(*) AS n FROM training_requirement');
      const rowsBefore = await requirementRows();
      const before = await tableCounts(testApp.dataSource);
      const { body } = await testApp.http
        .post(path(world.a.id))
        .set(bearer(world.a.dspToken))
        .send({ ...prevent, code: 'bad-one', ...change })
        .expect(400);
      expect(body.errors.map((error: { field: string }) => error.field)).toContain(field);
      await expect(tableCounts(testApp.dataSource)).resolves.toEqual(before);
      await expect(requirementRows()).resolves.toEqual(rowsBefore);
    });

    it('refuses a fixed period together with following the annual refresh', async () => {
      const { body } = await testApp.http
        .post(path(world.a.id))
        .set(bearer(world.a.dspToken))
        .send({ ...prevent, code: 'clash', refreshMonths: 6, followsAnnualRefresh: true })
        .expect(400);
      expect(body.errors[0].field).toBe('refreshMonths');
    });

    it('refuses governors and staff (403), and another school’s DSP (404)', async () => {
      const body = { ...prevent, code: 'not-allowed' };
      await testApp.http.post(path(world.a.id)).set(bearer(world.a.governorToken)).send(body).expect(403);
      await testApp.http.post(path(world.a.id)).set(bearer(world.a.staffToken)).send(body).expect(403);
      await testApp.http.post(path(world.a.id)).set(bearer(world.b.dspToken)).send(body).expect(404);
      await testApp.http.post(path(world.b.id)).set(bearer(world.adminToken)).send(body).expect(201);
    });
  });

  describe('PATCH /api/schools/:id/requirements/:code', () => {
    it('edits a default, including the permanent osh-response', async () => {
      const { body } = await testApp.http
        .patch(path(world.a.id, 'osh-response'))
        .set(bearer(world.a.dspToken))
        .send({ titleEn: 'Responding to incidents', refreshMonths: 24, induction: false })
        .expect(200);
      expect(body).toMatchObject({
        titleEn: 'Responding to incidents',
        refreshMonths: 24,
        followsAnnualRefresh: false,
        induction: false,
      });
      const back = await testApp.http
        .patch(path(world.a.id, 'osh-response'))
        .set(bearer(world.a.dspToken))
        .send({ followsAnnualRefresh: true, induction: true })
        .expect(200);
      expect(back.body).toMatchObject({ refreshMonths: 12, followsAnnualRefresh: true, induction: true });
    });

    it('keeps online safety for all staff on online safety (the headline figures)', async () => {
      const { body } = await testApp.http
        .patch(path(world.a.id, 'online-safety'))
        .set(bearer(world.a.dspToken))
        .send({ audience: 'senior-leaders' })
        .expect(400);
      expect(body.errors[0].field).toBe('audience');
      await testApp.http
        .patch(path(world.a.id, 'online-safety'))
        .set(bearer(world.a.dspToken))
        .send({ titleCy: 'Diogelwch ar-lein i bawb' })
        .expect(200);
    });

    it('refuses the code itself, unknown codes, governors (403) and another school (404)', async () => {
      await testApp.http
        .patch(path(world.a.id, 'safeguarding'))
        .set(bearer(world.a.dspToken))
        .send({ code: 'renamed' })
        .expect(400);
      await testApp.http.patch(path(world.a.id, 'no-such')).set(bearer(world.a.dspToken)).send({}).expect(404);
      await testApp.http
        .patch(path(world.a.id, 'safeguarding'))
        .set(bearer(world.a.governorToken))
        .send({ titleEn: 'x' })
        .expect(403);
      await testApp.http
        .patch(path(world.a.id, 'safeguarding'))
        .set(bearer(world.b.dspToken))
        .send({ titleEn: 'x' })
        .expect(404);
    });
  });

  describe('DELETE /api/schools/:id/requirements/:code', () => {
    it('removes the school’s own and other defaults, never online-safety or osh-response (409)', async () => {
      await testApp.http
        .post(path(world.a.id))
        .set(bearer(world.a.dspToken))
        .send({ ...prevent, code: 'to-remove' })
        .expect(201);
      await testApp.http.delete(path(world.a.id, 'to-remove')).set(bearer(world.a.governorToken)).expect(403);
      await testApp.http.delete(path(world.a.id, 'to-remove')).set(bearer(world.b.dspToken)).expect(404);
      await testApp.http.delete(path(world.a.id, 'to-remove')).set(bearer(world.a.dspToken)).expect(204);
      await testApp.http.delete(path(world.a.id, 'to-remove')).set(bearer(world.a.dspToken)).expect(404);
      await testApp.http.delete(path(world.a.id, 'online-safety')).set(bearer(world.a.dspToken)).expect(409);
      await testApp.http.delete(path(world.a.id, 'osh-response')).set(bearer(world.adminToken)).expect(409);
      const { body } = await testApp.http.get(path(world.a.id)).set(bearer(world.a.dspToken)).expect(200);
      expect(body.map((row: { code: string }) => row.code)).toEqual(expect.arrayContaining(DEFAULT_CODES));
    });

    it('records each change in the change log', async () => {
      const { body } = await testApp.http
        .get(`/api/schools/${world.a.id}/changes`)
        .set(bearer(world.a.dspToken))
        .expect(200);
      const actions = body
        .filter((change: { entity: string }) => change.entity === 'requirement')
        .map((change: { action: string }) => change.action);
      expect(actions).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
    });
  });

  describe('staff roles', () => {
    it('stores seniorLeader and filteringLead (default false) and refuses non-booleans', async () => {
      const created = await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send(buildStaff(world.a.id, { seniorLeader: true }))
        .expect(201);
      expect(created.body).toMatchObject({ seniorLeader: true, filteringLead: false });
      const patched = await testApp.http
        .patch(`/api/staff/${created.body.id}`)
        .set(bearer(world.a.dspToken))
        .send({ filteringLead: true })
        .expect(200);
      expect(patched.body).toMatchObject({ seniorLeader: true, filteringLead: true });
      const { body } = await testApp.http
        .patch(`/api/staff/${created.body.id}`)
        .set(bearer(world.a.dspToken))
        .send({ filteringLead: 'yes' })
        .expect(400);
      expect(body.errors[0].field).toBe('filteringLead');
    });
  });

  describe('school settings: expiry basis', () => {
    it('accepts rolling or academic-year and grace days 0–90, naming a bad field', async () => {
      const school = `/api/schools/${world.b.id}`;
      const { body } = await testApp.http
        .patch(school)
        .set(bearer(world.b.dspToken))
        .send({ expiryBasis: 'academic-year', academicYearGraceDays: 0 })
        .expect(200);
      expect(body).toMatchObject({ expiryBasis: 'academic-year', academicYearGraceDays: 0 });
      for (const bad of [{ expiryBasis: 'termly' }, { academicYearGraceDays: 91 }, { academicYearGraceDays: -1 }]) {
        const refused = await testApp.http.patch(school).set(bearer(world.b.dspToken)).send(bad).expect(400);
        expect(refused.body.errors[0].field).toBe(Object.keys(bad)[0]);
      }
      await testApp.http
        .patch(school)
        .set(bearer(world.b.dspToken))
        .send({ expiryBasis: 'rolling', academicYearGraceDays: 30 })
        .expect(200);
    });
  });

  describe('loader', () => {
    it('reduces completions exactly as latestCompletionPerCourse does, as of any day', async () => {
      const member = world.b.staffIds[2];
      for (const completedOn of ['2025-01-10', '2025-06-10', '2026-06-10'])
        await testApp.http
          .post('/api/completions')
          .set(bearer(world.b.dspToken))
          .send({ staffId: member, courseId: world.sharedCourseId, completedOn })
          .expect(201);
      const loader = testApp.app.get(SchoolRecordsLoader);
      const school = await testApp.dataSource.getRepository(School).findOneByOrFail({ id: world.b.id });
      const all = await testApp.dataSource.query<
        { staffId: number; courseId: number; completedOn: string; prior: boolean }[]
      >(`SELECT "staffId", "courseId", "completedOn", "prior" FROM completion WHERE verification = 'verified'`);
      for (const day of ['2025-05-01', '2025-12-31', '2026-11-27']) {
        const loaded = (await loader.load(school, day)).completions.map(
          ({ staffId, courseId, completedOn, prior }) => ({ staffId, courseId, completedOn, prior }),
        );
        const expected = latestCompletionPerCourse(
          all.map((row) => ({
            ...row,
            staffId: Number(row.staffId),
            courseId: Number(row.courseId),
            prior: Boolean(row.prior),
          })),
          day,
        ).filter((row) => world.b.staffIds.includes(row.staffId));
        expect(loaded.filter((row) => row.staffId === member)).toEqual(
          expected.filter((row) => row.staffId === member),
        );
      }
      const asOfMay = (await loader.load(school, '2025-05-01')).completions.filter((row) => row.staffId === member);
      expect(asOfMay).toEqual([expect.objectContaining({ completedOn: '2025-01-10' })]);
    });

    it('reads one school alone (its own statement) exactly as it reads it among others', async () => {
      await testApp.http
        .post('/api/completions')
        .set(bearer(world.a.dspToken))
        .send({ staffId: world.a.staffIds[0], courseId: world.sharedCourseId, completedOn: '2026-06-10' })
        .expect(201);
      const loader = testApp.app.get(SchoolRecordsLoader);
      const schools = await testApp.dataSource.getRepository(School).find({ order: { id: 'ASC' } });
      for (const day of ['2025-05-01', '2026-11-27']) {
        const together = await loader.loadMany(schools, day);
        for (const school of schools) expect(await loader.load(school, day)).toEqual(together.get(school.id));
        // Something to compare: both schools of the world have staff, and today the completion above.
        for (const id of [world.a.id, world.b.id]) expect(together.get(id)!.staff.length).toBeGreaterThan(0);
        if (day === '2026-11-27') expect(together.get(world.a.id)!.completions.length).toBeGreaterThan(0);
      }
    });
  });
});
