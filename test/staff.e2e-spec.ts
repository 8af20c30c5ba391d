import { StaffController } from '../src/staff/staff.controller';
import { buildStaff, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { bearer, useWorld } from './utils/use-world';

describe(StaffController.name, () => {
  let testApp: TestApp;
  let world: World;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  describe('POST /api/staff', () => {
    it('creates a member with the defaults and a lower-case email', async () => {
      const { body } = await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send({ schoolId: world.a.id, name: 'Nia Rees', email: 'Nia.Rees@A.test', startDate: '2026-09-01' })
        .expect(201);
      expect(body).toEqual({
        id: expect.any(Number),
        schoolId: world.a.id,
        name: 'Nia Rees',
        email: 'nia.rees@a.test',
        jobTitle: null,
        startDate: '2026-09-01',
        leftOn: null,
        safeguardingRole: 'none',
        onlineSafetyGroup: false,
        seniorLeader: false,
        filteringLead: false,
        language: 'en',
        misId: null,
      });
    });

    it('answers 409 for an MIS id already used in the same school, and allows it in another', async () => {
      await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send(buildStaff(world.a.id, { misId: 'MIS-1' }))
        .expect(201);
      const before = await tableCounts(testApp.dataSource);
      await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send(buildStaff(world.a.id, { misId: 'MIS-1' }))
        .expect(409);
      await testApp.http
        .patch(`/api/staff/${world.a.staffIds[1]}`)
        .set(bearer(world.a.dspToken))
        .send({ misId: 'MIS-1' })
        .expect(409);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
      await testApp.http
        .patch(`/api/staff/${world.b.staffIds[0]}`)
        .set(bearer(world.b.dspToken))
        .send({ misId: 'MIS-1' })
        .expect(200);
    });

    it('answers 409 for an email already used', async () => {
      await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send(buildStaff(world.a.id, { email: 'NIA.REES@a.test' }))
        .expect(409);
    });

    it('refuses missing, unknown and bad fields with 400 naming each, changing nothing', async () => {
      const before = await tableCounts(testApp.dataSource);
      const { body } = await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send({
          schoolId: world.a.id,
          email: 'not-an-email',
          startDate: '2026-02-30',
          safeguardingRole: 'boss',
          language: 'fr',
          shoeSize: 9,
        })
        .expect(400);
      const fields = body.errors.map((error: { field: string }) => error.field);
      expect(fields).toEqual(
        expect.arrayContaining(['name', 'email', 'startDate', 'safeguardingRole', 'language', 'shoeSize']),
      );
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('refuses a leave date before the start date', async () => {
      const { body } = await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send(buildStaff(world.a.id, { leftOn: '2024-08-31' }))
        .expect(400);
      expect(body.errors[0].field).toBe('leftOn');
    });

    it('names schoolId when the school does not exist', async () => {
      const { body } = await testApp.http
        .post('/api/staff')
        .set(bearer(world.adminToken))
        .send(buildStaff(9999))
        .expect(400);
      expect(body.errors[0].field).toBe('schoolId');
    });

    it('answers another school’s id to a DSP as if it did not exist (400 naming schoolId)', async () => {
      const { body } = await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send(buildStaff(world.b.id))
        .expect(400);
      expect(body.errors[0].field).toBe('schoolId');
      expect(body.message).toEqual([`schoolId: no school with id ${world.b.id}`]);
    });

    it('refuses governors and staff (403)', async () => {
      await testApp.http.post('/api/staff').set(bearer(world.a.governorToken)).send(buildStaff(world.a.id)).expect(403);
      await testApp.http.post('/api/staff').set(bearer(world.a.staffToken)).send(buildStaff(world.a.id)).expect(403);
    });
  });

  describe('GET /api/staff', () => {
    it('lists the DSP’s own school by default', async () => {
      const { body } = await testApp.http.get('/api/staff').set(bearer(world.a.dspToken)).expect(200);
      expect(body.length).toBeGreaterThanOrEqual(3);
      expect(body.every((member: { schoolId: number }) => member.schoolId === world.a.id)).toBe(true);
    });

    it('filters by school for an admin and answers another school to a DSP as unknown (404)', async () => {
      const { body } = await testApp.http
        .get(`/api/staff?schoolId=${world.b.id}`)
        .set(bearer(world.adminToken))
        .expect(200);
      expect(body.map((member: { id: number }) => member.id).sort()).toEqual([...world.b.staffIds].sort());
      await testApp.http.get(`/api/staff?schoolId=${world.b.id}`).set(bearer(world.a.dspToken)).expect(404);
    });

    it('shows a staff user only their own record', async () => {
      const { body } = await testApp.http.get('/api/staff').set(bearer(world.a.staffToken)).expect(200);
      expect(body.map((member: { id: number }) => member.id)).toEqual([world.a.staffUserStaffId]);
      await testApp.http.get(`/api/staff/${world.a.staffUserStaffId}`).set(bearer(world.a.staffToken)).expect(200);
      // A colleague's id reveals nothing: the same 404 as an unknown id.
      await testApp.http.get(`/api/staff/${world.a.staffIds[1]}`).set(bearer(world.a.staffToken)).expect(404);
    });

    it('refuses governors unless the school lets them see names', async () => {
      await testApp.http.get('/api/staff').set(bearer(world.b.governorToken)).expect(403);
      await testApp.http.get(`/api/staff/${world.b.staffIds[0]}`).set(bearer(world.b.governorToken)).expect(403);
      await testApp.http
        .patch(`/api/schools/${world.b.id}`)
        .set(bearer(world.b.dspToken))
        .send({ governorsSeeNames: true })
        .expect(200);
      await testApp.http.get('/api/staff').set(bearer(world.b.governorToken)).expect(200);
      await testApp.http.get(`/api/staff/${world.b.staffIds[0]}`).set(bearer(world.b.governorToken)).expect(200);
      await testApp.http
        .patch(`/api/schools/${world.b.id}`)
        .set(bearer(world.b.dspToken))
        .send({ governorsSeeNames: false })
        .expect(200);
    });

    it('answers 404 alike for an unknown member and another school’s', async () => {
      const unknown = await testApp.http.get('/api/staff/9999').set(bearer(world.a.dspToken)).expect(404);
      expect(unknown.body.message).toBe('No staff member with id 9999');
      const other = await testApp.http
        .get(`/api/staff/${world.b.staffIds[0]}`)
        .set(bearer(world.a.dspToken))
        .expect(404);
      expect(other.body.message).toBe(`No staff member with id ${world.b.staffIds[0]}`);
    });
  });

  describe('PATCH /api/staff/:id', () => {
    it('updates fields and clears nullable ones', async () => {
      const id = world.a.staffIds[2];
      const { body } = await testApp.http
        .patch(`/api/staff/${id}`)
        .set(bearer(world.a.dspToken))
        .send({ jobTitle: 'Deputy head', safeguardingRole: 'deputy-dsp', onlineSafetyGroup: true, language: 'cy' })
        .expect(200);
      expect(body).toMatchObject({
        jobTitle: 'Deputy head',
        safeguardingRole: 'deputy-dsp',
        onlineSafetyGroup: true,
        language: 'cy',
      });
      const cleared = await testApp.http
        .patch(`/api/staff/${id}`)
        .set(bearer(world.a.dspToken))
        .send({ jobTitle: null })
        .expect(200);
      expect(cleared.body.jobTitle).toBeNull();
    });

    it('refuses null for a required field and a move between schools', async () => {
      const id = world.a.staffIds[2];
      const nulled = await testApp.http
        .patch(`/api/staff/${id}`)
        .set(bearer(world.a.dspToken))
        .send({ name: null })
        .expect(400);
      expect(nulled.body.errors[0].field).toBe('name');
      const moved = await testApp.http
        .patch(`/api/staff/${id}`)
        .set(bearer(world.a.dspToken))
        .send({ schoolId: world.b.id })
        .expect(400);
      expect(moved.body.errors[0].field).toBe('schoolId');
    });

    it('answers 409 when taking another member’s email', async () => {
      await testApp.http
        .patch(`/api/staff/${world.a.staffIds[2]}`)
        .set(bearer(world.a.dspToken))
        .send({ email: 's0@a.test' })
        .expect(409);
    });

    it('answers 404 to another school’s DSP, as for unknown ids, changing nothing', async () => {
      await testApp.http
        .patch(`/api/staff/${world.a.staffIds[2]}`)
        .set(bearer(world.b.dspToken))
        .send({ name: 'X' })
        .expect(404);
      const { body } = await testApp.http.get(`/api/staff/${world.a.staffIds[2]}`).set(bearer(world.a.dspToken));
      expect(body.name).not.toBe('X');
      await testApp.http.patch('/api/staff/9999').set(bearer(world.a.dspToken)).send({ name: 'X' }).expect(404);
    });
  });

  describe('DELETE /api/staff/:id', () => {
    it('marks the member as left today, keeps the record, and keeps the first date on a second delete', async () => {
      const { body: member } = await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send(buildStaff(world.a.id))
        .expect(201);
      const first = await testApp.http.delete(`/api/staff/${member.id}`).set(bearer(world.a.dspToken)).expect(200);
      expect(first.body.leftOn).toBe('2026-11-27');
      await testApp.dataSource.query(`UPDATE staff_member SET "leftOn" = '2026-11-20' WHERE id = ${member.id}`);
      const second = await testApp.http.delete(`/api/staff/${member.id}`).set(bearer(world.a.dspToken)).expect(200);
      expect(second.body.leftOn).toBe('2026-11-20');
      const stored = await testApp.http.get(`/api/staff/${member.id}`).set(bearer(world.a.dspToken)).expect(200);
      expect(stored.body).toMatchObject({ name: member.name, email: member.email, leftOn: '2026-11-20' });
    });

    it('brings a planned future leave date forward to today', async () => {
      const { body: member } = await testApp.http
        .post('/api/staff')
        .set(bearer(world.a.dspToken))
        .send(buildStaff(world.a.id, { leftOn: '2027-07-31' }))
        .expect(201);
      const { body } = await testApp.http.delete(`/api/staff/${member.id}`).set(bearer(world.a.dspToken)).expect(200);
      expect(body.leftOn).toBe('2026-11-27');
    });

    it('refuses governors and staff (403), and answers other schools and unknown ids with 404', async () => {
      const id = world.a.staffIds[1];
      await testApp.http.delete(`/api/staff/${id}`).set(bearer(world.a.governorToken)).expect(403);
      await testApp.http.delete(`/api/staff/${id}`).set(bearer(world.a.staffToken)).expect(403);
      await testApp.http.delete(`/api/staff/${id}`).set(bearer(world.b.dspToken)).expect(404);
      await testApp.http.delete('/api/staff/9999').set(bearer(world.a.dspToken)).expect(404);
      const { body } = await testApp.http.get(`/api/staff/${id}`).set(bearer(world.a.dspToken)).expect(200);
      expect(body.leftOn).toBeNull();
    });
  });
});
