import { CoursesController } from '../src/courses/courses.controller';
import { buildCourse, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { bearer, useWorld } from './utils/use-world';

describe(CoursesController.name, () => {
  let testApp: TestApp;
  let world: World;

  useWorld({}, (app, built) => {
    testApp = app;
    world = built;
  });

  it('lets an admin add to the shared catalogue with the defaults', async () => {
    const { body } = await testApp.http
      .post('/api/courses')
      .set(bearer(world.adminToken))
      .send(buildCourse({ title: 'Filtering basics', topics: ['filtering-monitoring'] }))
      .expect(201);
    expect(body).toEqual({
      id: expect.any(Number),
      schoolId: null,
      title: 'Filtering basics',
      titleCy: null,
      provider: null,
      url: null,
      topics: ['filtering-monitoring'],
      induction: false,
      validityMonths: 12,
      contentReviewedOn: '2026-06-01',
      retired: false,
    });
  });

  it('keeps an optional Welsh title, changes it, and refuses one over 200 characters (400 titleCy)', async () => {
    const { body } = await testApp.http
      .post('/api/courses')
      .set(bearer(world.adminToken))
      .send(buildCourse({ title: 'Online safety refresher', titleCy: 'Gloywi diogelwch ar-lein' }))
      .expect(201);
    expect(body.titleCy).toBe('Gloywi diogelwch ar-lein');
    const changed = await testApp.http
      .patch(`/api/courses/${body.id}`)
      .set(bearer(world.adminToken))
      .send({ titleCy: 'Diweddariad diogelwch ar-lein' })
      .expect(200);
    expect(changed.body.titleCy).toBe('Diweddariad diogelwch ar-lein');
    const before = await tableCounts(testApp.dataSource);
    const refused = await testApp.http
      .post('/api/courses')
      .set(bearer(world.adminToken))
      .send(buildCourse({ title: 'Too long', titleCy: 'a'.repeat(201) }))
      .expect(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['titleCy']);
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
  });

  it('lets a DSP add an in-house course for their school only', async () => {
    const { body } = await testApp.http
      .post('/api/courses')
      .set(bearer(world.a.dspToken))
      .send(buildCourse({ title: 'Our briefing', schoolId: world.a.id }))
      .expect(201);
    expect(body.schoolId).toBe(world.a.id);
    await testApp.http
      .post('/api/courses')
      .set(bearer(world.a.dspToken))
      .send(buildCourse({ title: 'Shared' }))
      .expect(403);
    await testApp.http
      .post('/api/courses')
      .set(bearer(world.a.dspToken))
      .send(buildCourse({ schoolId: world.b.id }))
      .expect(400); // another school's id reveals nothing: the answer for an unknown school
    await testApp.http
      .post('/api/courses')
      .set(bearer(world.a.governorToken))
      .send(buildCourse({ schoolId: world.a.id }))
      .expect(403);
  });

  it('refuses bad courses with 400 naming each field, changing nothing', async () => {
    const before = await tableCounts(testApp.dataSource);
    const { body } = await testApp.http
      .post('/api/courses')
      .set(bearer(world.adminToken))
      .send({ topics: [], validityMonths: 61, contentReviewedOn: '2026-13-01', url: 'not a url' })
      .expect(400);
    expect(body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'contentReviewedOn',
      'title',
      'topics',
      'url',
      'validityMonths',
    ]);
    const badTopic = await testApp.http
      .post('/api/courses')
      .set(bearer(world.adminToken))
      .send(buildCourse({ topics: ['cooking'], validityMonths: 0 }))
      .expect(400);
    expect(badTopic.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'topics',
      'validityMonths',
    ]);
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
  });

  it('shows each school the shared catalogue and its own courses, never another school’s', async () => {
    for (const token of [world.a.dspToken, world.a.governorToken, world.a.staffToken]) {
      const { body } = await testApp.http.get('/api/courses').set(bearer(token)).expect(200);
      const schools = new Set(body.map((course: { schoolId: number | null }) => course.schoolId));
      expect(schools.has(null)).toBe(true);
      expect(schools.has(world.a.id)).toBe(true);
      expect(schools.has(world.b.id)).toBe(false);
    }
    await testApp.http.get(`/api/courses/${world.b.inHouseCourseId}`).set(bearer(world.a.staffToken)).expect(404);
    await testApp.http.get(`/api/courses/${world.sharedCourseId}`).set(bearer(world.a.staffToken)).expect(200);
    await testApp.http.get('/api/courses/9999').set(bearer(world.a.staffToken)).expect(404);
  });

  it('lets the DSP retire their course and update its review date; the shared catalogue stays admin-only', async () => {
    const { body } = await testApp.http
      .patch(`/api/courses/${world.a.inHouseCourseId}`)
      .set(bearer(world.a.dspToken))
      .send({ retired: true, contentReviewedOn: '2026-11-01' })
      .expect(200);
    expect(body).toMatchObject({ retired: true, contentReviewedOn: '2026-11-01' });
    await testApp.http
      .patch(`/api/courses/${world.sharedCourseId}`)
      .set(bearer(world.a.dspToken))
      .send({ retired: true })
      .expect(403);
    await testApp.http
      .patch(`/api/courses/${world.b.inHouseCourseId}`)
      .set(bearer(world.a.dspToken))
      .send({ retired: true })
      .expect(404);
    await testApp.http.patch('/api/courses/9999').set(bearer(world.adminToken)).send({ retired: true }).expect(404);
  });

  it('moves stored expiry dates when a course’s validity changes', async () => {
    const { body: course } = await testApp.http
      .post('/api/courses')
      .set(bearer(world.adminToken))
      .send(buildCourse({ title: 'Changing validity' }))
      .expect(201);
    const { body: completion } = await testApp.http
      .post('/api/completions')
      .set(bearer(world.a.dspToken))
      .send({ staffId: world.a.staffIds[0], courseId: course.id, completedOn: '2026-01-31' })
      .expect(201);
    expect(completion.expiresOn).toBe('2027-01-31');
    await testApp.http
      .patch(`/api/courses/${course.id}`)
      .set(bearer(world.adminToken))
      .send({ validityMonths: 1 })
      .expect(200);
    const { body } = await testApp.http
      .get(`/api/completions?staffId=${world.a.staffIds[0]}`)
      .set(bearer(world.a.dspToken))
      .expect(200);
    expect(body.find((row: { id: number }) => row.id === completion.id).expiresOn).toBe('2026-02-28');
  });
});
