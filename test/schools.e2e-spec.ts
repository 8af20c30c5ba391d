import { SchoolsController } from '../src/schools/schools.controller';
import { World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { bearer, useWorld } from './utils/use-world';

describe(SchoolsController.name, () => {
  let testApp: TestApp;
  let world: World;

  useWorld({}, (app, built) => {
    testApp = app;
    world = built;
  });

  it('creates a school with the default settings', async () => {
    const { body } = await testApp.http
      .post('/api/schools')
      .set(bearer(world.adminToken))
      .send({ name: 'Coleg Glan Môr', kind: 'college' })
      .expect(201);
    expect(body).toEqual({
      id: expect.any(Number),
      name: 'Coleg Glan Môr',
      kind: 'college',
      annualRefreshMonths: 12,
      inductionWindowDays: 30,
      dueSoonDays: 30,
      coverageThresholdPercent: 90,
      reminderOffsetsDays: [30, 7, 0],
      coordinatorCopyAfterDays: 28,
      trainingCoordinatorId: null,
      filteringReviewedOn: null,
      governorsSeeNames: false,
      expiryBasis: 'rolling',
      academicYearGraceDays: 30,
    });
  });

  it('lists every school for an admin and only their own for others', async () => {
    const all = await testApp.http.get('/api/schools').set(bearer(world.adminToken)).expect(200);
    expect(all.body.map((school: { id: number }) => school.id)).toEqual(
      expect.arrayContaining([world.a.id, world.b.id]),
    );
    const own = await testApp.http.get('/api/schools').set(bearer(world.a.governorToken)).expect(200);
    expect(own.body.map((school: { id: number }) => school.id)).toEqual([world.a.id]);
  });

  it('lets the school’s DSP and governor read it, refuses staff (403) and hides other schools (404)', async () => {
    await testApp.http.get(`/api/schools/${world.a.id}`).set(bearer(world.a.dspToken)).expect(200);
    await testApp.http.get(`/api/schools/${world.a.id}`).set(bearer(world.a.governorToken)).expect(200);
    await testApp.http.get(`/api/schools/${world.b.id}`).set(bearer(world.a.dspToken)).expect(404);
    await testApp.http.get(`/api/schools/${world.a.id}`).set(bearer(world.a.staffToken)).expect(403);
  });

  it('answers 404 for an unknown school and for an id that cannot exist', async () => {
    await testApp.http.get('/api/schools/9999').set(bearer(world.adminToken)).expect(404);
    await testApp.http.get('/api/schools/abc').set(bearer(world.adminToken)).expect(404);
  });

  it('lets the DSP change settings, including the coordinator and filtering review', async () => {
    const { body } = await testApp.http
      .patch(`/api/schools/${world.a.id}`)
      .set(bearer(world.a.dspToken))
      .send({
        dueSoonDays: 45,
        reminderOffsetsDays: [60, 14, 0],
        trainingCoordinatorId: world.a.staffIds[1],
        filteringReviewedOn: '2026-09-01',
        governorsSeeNames: true,
      })
      .expect(200);
    expect(body).toMatchObject({
      dueSoonDays: 45,
      reminderOffsetsDays: [60, 14, 0],
      trainingCoordinatorId: world.a.staffIds[1],
      filteringReviewedOn: '2026-09-01',
      governorsSeeNames: true,
    });
    const cleared = await testApp.http
      .patch(`/api/schools/${world.a.id}`)
      .set(bearer(world.a.dspToken))
      .send({ trainingCoordinatorId: null, governorsSeeNames: false })
      .expect(200);
    expect(cleared.body.trainingCoordinatorId).toBeNull();
  });

  it('refuses bad settings with 400 naming each field, changing nothing', async () => {
    const before = await tableCounts(testApp.dataSource);
    const { body } = await testApp.http
      .patch(`/api/schools/${world.a.id}`)
      .set(bearer(world.a.dspToken))
      .send({
        annualRefreshMonths: 0,
        coverageThresholdPercent: 101,
        filteringReviewedOn: '2026-02-30',
        name: null,
        colour: 'blue',
      })
      .expect(400);
    expect(body.errors.map((error: { field: string }) => error.field).sort()).toEqual(
      ['annualRefreshMonths', 'colour', 'coverageThresholdPercent', 'filteringReviewedOn', 'name'].sort(),
    );
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
    const school = await testApp.http.get(`/api/schools/${world.a.id}`).set(bearer(world.a.dspToken)).expect(200);
    expect(school.body.annualRefreshMonths).toBe(12);
  });

  it('refuses a coordinator from another school with 400 naming trainingCoordinatorId', async () => {
    const { body } = await testApp.http
      .patch(`/api/schools/${world.a.id}`)
      .set(bearer(world.a.dspToken))
      .send({ trainingCoordinatorId: world.b.staffIds[0] })
      .expect(400);
    expect(body.errors[0].field).toBe('trainingCoordinatorId');
  });

  it(
    'refuses governors, staff and non-admins creating schools (403), and hides other ' + 'schools from DSPs (404)',
    async () => {
      await testApp.http
        .patch(`/api/schools/${world.a.id}`)
        .set(bearer(world.a.governorToken))
        .send({ dueSoonDays: 10 })
        .expect(403);
      await testApp.http
        .patch(`/api/schools/${world.a.id}`)
        .set(bearer(world.a.staffToken))
        .send({ dueSoonDays: 10 })
        .expect(403);
      await testApp.http
        .patch(`/api/schools/${world.a.id}`)
        .set(bearer(world.b.dspToken))
        .send({ dueSoonDays: 10 })
        .expect(404);
      await testApp.http.post('/api/schools').set(bearer(world.a.dspToken)).send({ name: 'Not allowed' }).expect(403);
    },
  );
});
