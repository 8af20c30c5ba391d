import { CompletionsController } from '../src/completions/completions.controller';
import { buildStaff, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { bearer, useWorld } from './utils/use-world';

describe(CompletionsController.name, () => {
  let testApp: TestApp;
  let world: World;
  const record = (token: string, body: object) => testApp.http.post('/api/completions').set(bearer(token)).send(body);

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  describe('POST /api/completions', () => {
    it('records a completion with its expiry, evidence and who recorded it', async () => {
      const { body } = await record(world.a.dspToken, {
        staffId: world.a.staffIds[0],
        courseId: world.sharedCourseId,
        completedOn: '2026-10-01',
        evidence: 'CERT-1',
      }).expect(201);
      expect(body).toEqual({
        id: expect.any(Number),
        staffId: world.a.staffIds[0],
        courseId: world.sharedCourseId,
        courseTitle: 'Keeping safe online',
        completedOn: '2026-10-01',
        expiresOn: '2027-10-01',
        evidence: 'CERT-1',
        recordedById: expect.any(Number),
        recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        verification: 'verified',
        prior: false,
        rejectionReason: null,
        verifiedById: body.recordedById,
        verifiedAt: body.recordedAt,
        hasCertificate: false,
      });
    });

    it('adds calendar months: 29 February + 12 months is 28 February', async () => {
      const { body: member } = await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send(buildStaff(world.a.id, { startDate: '2020-01-01' }))
        .expect(201);
      const { body } = await record(world.a.dspToken, {
        staffId: member.id,
        courseId: world.sharedCourseId,
        completedOn: '2024-02-29',
      }).expect(201);
      expect(body.expiresOn).toBe('2025-02-28');
    });

    it('answers 409 for the same staff, course and date', async () => {
      const before = await tableCounts(testApp.dataSource);
      await record(world.a.dspToken, {
        staffId: world.a.staffIds[0],
        courseId: world.sharedCourseId,
        completedOn: '2026-10-01',
      }).expect(409);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it.each([
      ['a date after today', { completedOn: '2026-11-28' }, 'completedOn'],
      ['a date before the member started', { completedOn: '2024-08-31' }, 'completedOn'],
      ['an impossible date', { completedOn: '2026-02-29' }, 'completedOn'],
      ['an unknown staff id', { staffId: 9999 }, 'staffId'],
      ['an unknown course id', { courseId: 9999 }, 'courseId'],
      ['an unknown field', { grade: 'A' }, 'grade'],
    ])('refuses %s with 400 naming the field, changing nothing', async (_case, change, field) => {
      const before = await tableCounts(testApp.dataSource);
      const { body } = await record(world.a.dspToken, {
        staffId: world.a.staffIds[1],
        courseId: world.sharedCourseId,
        completedOn: '2026-10-01',
        ...change,
      }).expect(400);
      expect(body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('refuses another school’s in-house course (400 courseId)', async () => {
      const { body } = await record(world.a.dspToken, {
        staffId: world.a.staffIds[1],
        courseId: world.b.inHouseCourseId,
        completedOn: '2026-10-01',
      }).expect(400);
      expect(body.errors[0].field).toBe('courseId');
    });

    it(
      'answers another school’s staff id to a DSP, and a colleague’s to staff, as unknown ' + '(400 naming staffId)',
      async () => {
        const body = { staffId: world.a.staffIds[1], courseId: world.sharedCourseId, completedOn: '2026-10-02' };
        for (const token of [world.b.dspToken, world.a.staffToken]) {
          const { body: refused } = await record(token, body).expect(400);
          expect(refused.errors).toEqual([
            { field: 'staffId', message: `staffId: no staff member with id ${world.a.staffIds[1]}` },
          ]);
        }
      },
    );

    it('refuses governors (403)', async () => {
      const body = { staffId: world.a.staffIds[1], courseId: world.sharedCourseId, completedOn: '2026-10-02' };
      await record(world.a.governorToken, body).expect(403);
    });
  });

  describe('POST /api/completions/bulk', () => {
    it('records one training session for many staff at once', async () => {
      const { body } = await testApp.http
        .post('/api/completions/bulk')
        .set(bearer(world.b.dspToken))
        .send({ courseId: world.sharedCourseId, completedOn: '2026-11-02', staffIds: world.b.staffIds })
        .expect(201);
      expect(body.created).toBe(3);
      expect(body.completions.map((row: { staffId: number }) => row.staffId)).toEqual(world.b.staffIds);
    });

    it('saves none when one member already has it (409)', async () => {
      const { body: member } = await testApp.http
        .post('/api/staff')
        .set(bearer(world.b.dspToken))
        .send(buildStaff(world.b.id))
        .expect(201);
      const before = await tableCounts(testApp.dataSource);
      await testApp.http
        .post('/api/completions/bulk')
        .set(bearer(world.b.dspToken))
        .send({ courseId: world.sharedCourseId, completedOn: '2026-11-02', staffIds: [member.id, world.b.staffIds[0]] })
        .expect(409);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('saves none when one member is unknown (400 staffIds) or one started later (400 completedOn)', async () => {
      const { body: starter } = await testApp.http
        .post('/api/staff')
        .set(bearer(world.b.dspToken))
        .send(buildStaff(world.b.id, { startDate: '2026-11-20' }))
        .expect(201);
      const before = await tableCounts(testApp.dataSource);
      const unknown = await testApp.http
        .post('/api/completions/bulk')
        .set(bearer(world.b.dspToken))
        .send({ courseId: world.sharedCourseId, completedOn: '2026-11-10', staffIds: [world.b.staffIds[0], 9999] })
        .expect(400);
      expect(unknown.body.errors[0].field).toBe('staffIds');
      const early = await testApp.http
        .post('/api/completions/bulk')
        .set(bearer(world.b.dspToken))
        .send({
          courseId: world.sharedCourseId,
          completedOn: '2026-11-10',
          staffIds: [world.b.staffIds[0], starter.id],
        })
        .expect(400);
      expect(early.body.errors[0].field).toBe('completedOn');
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('refuses an empty list, and staff from another school as unknown (400)', async () => {
      await testApp.http
        .post('/api/completions/bulk')
        .set(bearer(world.b.dspToken))
        .send({ courseId: world.sharedCourseId, completedOn: '2026-11-10', staffIds: [] })
        .expect(400);
      await testApp.http
        .post('/api/completions/bulk')
        .set(bearer(world.b.dspToken))
        .send({
          courseId: world.sharedCourseId,
          completedOn: '2026-11-10',
          staffIds: [world.b.staffIds[0], world.a.staffIds[2]],
        })
        .expect(400);
    });
  });

  describe('GET /api/completions', () => {
    it('lists a member’s completions, newest first', async () => {
      const { body } = await testApp.http
        .get(`/api/completions?staffId=${world.b.staffIds[0]}`)
        .set(bearer(world.b.dspToken))
        .expect(200);
      expect(body.map((row: { completedOn: string }) => row.completedOn)).toEqual(['2026-11-02']);
    });

    it('shows a staff user only their own completions', async () => {
      const own = await testApp.http.get('/api/completions').set(bearer(world.a.staffToken)).expect(200);
      expect(own.body.every((row: { staffId: number }) => row.staffId === world.a.staffUserStaffId)).toBe(true);
      expect(own.body.length).toBeGreaterThan(0);
      await testApp.http
        .get(`/api/completions?staffId=${world.a.staffIds[1]}`)
        .set(bearer(world.a.staffToken))
        .expect(404);
    });

    it('refuses governors without names, other schools, and unknown staff', async () => {
      await testApp.http
        .get(`/api/completions?staffId=${world.a.staffIds[0]}`)
        .set(bearer(world.a.governorToken))
        .expect(403);
      await testApp.http.get('/api/completions').set(bearer(world.a.governorToken)).expect(403);
      await testApp.http
        .get(`/api/completions?staffId=${world.a.staffIds[0]}`)
        .set(bearer(world.b.dspToken))
        .expect(404);
      await testApp.http.get('/api/completions?staffId=9999').set(bearer(world.a.dspToken)).expect(404);
    });
  });

  describe('DELETE /api/completions/:id', () => {
    it('removes a completion recorded in error and logs what it was', async () => {
      const { body: created } = await record(world.a.dspToken, {
        staffId: world.a.staffIds[2],
        courseId: world.sharedCourseId,
        completedOn: '2026-11-01',
      }).expect(201);
      await testApp.http.delete(`/api/completions/${created.id}`).set(bearer(world.a.governorToken)).expect(403);
      await testApp.http.delete(`/api/completions/${created.id}`).set(bearer(world.b.dspToken)).expect(404);
      await testApp.http.delete(`/api/completions/${created.id}`).set(bearer(world.a.dspToken)).expect(200);
      await testApp.http.delete(`/api/completions/${created.id}`).set(bearer(world.a.dspToken)).expect(404);
      const { body: changes } = await testApp.http
        .get(`/api/schools/${world.a.id}/changes`)
        .set(bearer(world.a.dspToken))
        .expect(200);
      expect(changes[0]).toMatchObject({
        entity: 'completion',
        entityId: created.id,
        action: 'delete',
        before: expect.objectContaining({ completedOn: '2026-11-01' }),
      });
    });
  });
});
