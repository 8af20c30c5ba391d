import { ComplianceHistoryService } from '../src/compliance/compliance-history.service';
import { createTestApp, login, TestApp } from './utils/create-test-app';
import { bearer } from './utils/use-world';

const DEMO_PASSWORD = 'demo-password-2026';

describe('compliance (demo school, TODAY=2026-11-27)', () => {
  let testApp: TestApp;
  let dsp: string;
  let governor: string;
  let admin: string;
  let staffUser: string;
  let schoolId: number;

  beforeAll(async () => {
    testApp = await createTestApp({ today: '2026-11-27', seedDemo: true });
    dsp = await login(testApp, 'dsp@bryn-derw.example', DEMO_PASSWORD);
    governor = await login(testApp, 'governor@bryn-derw.example', DEMO_PASSWORD);
    admin = await login(testApp, 'admin@demo.example', DEMO_PASSWORD);
    staffUser = await login(testApp, 'rhodri.evans@bryn-derw.example', DEMO_PASSWORD);
    schoolId = (await testApp.http.get('/api/schools').set(bearer(dsp)).expect(200)).body[0].id;
  });
  afterAll(() => testApp.close());

  describe('GET /api/schools/:id/compliance', () => {
    it('gives the exact figures for the demo school', async () => {
      const { body } = await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(dsp)).expect(200);
      expect(body).toMatchObject({
        schoolId,
        schoolName: 'Ysgol Bryn Derw',
        asOf: '2026-11-27',
        activeStaff: 40,
        counts: { current: 29, dueSoon: 4, lapsed: 3, never: 2, inductionDue: 1, inductionOverdue: 1 },
        percentCurrent: 82.5,
      });
      expect(body.staff).toHaveLength(40);
      expect(new Set(body.staff.map((member: { status: string }) => member.status))).toEqual(
        new Set(['current', 'due-soon', 'lapsed', 'never', 'induction-due', 'induction-overdue']),
      );
    });

    it('names the people behind each concern, in the guidance’s words', async () => {
      const { body } = await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(dsp)).expect(200);
      const byCode = Object.fromEntries(body.concerns.map((concern: { code: string }) => [concern.code, concern]));
      expect(Object.keys(byCode).sort()).toEqual(
        [
          'dsp-training',
          'filtering-review',
          'induction-gap',
          'low-coverage',
          'needs-unmet',
          'not-annual',
          'outdated-materials',
          'single-expert',
          'untrained-staff',
        ].sort(),
      );
      const names = new Map(body.staff.map((member: { id: number; name: string }) => [member.id, member.name]));
      expect(byCode['dsp-training'].staffIds.map((id: number) => names.get(id))).toEqual(['Bethan Davies']);
      expect(byCode['induction-gap'].staffIds.map((id: number) => names.get(id))).toEqual(['Huw Jenkins']);
      expect(byCode['untrained-staff'].staffIds.map((id: number) => names.get(id)).sort()).toEqual([
        'Delyth Price',
        'Emyr Owen',
        'Huw Jenkins',
      ]);
      expect(byCode['needs-unmet'].staffCount).toBe(8);
      expect(byCode['outdated-materials'].courseIds).toHaveLength(1);
      expect(byCode['filtering-review'].settings).toEqual(['filteringReviewedOn']);
      expect(byCode['not-annual']).toMatchObject({
        severity: 'medium',
        staffCount: 3,
        guidance: expect.stringContaining('at least annually'),
      });
    });

    it('leaves leavers out of every figure', async () => {
      const { body } = await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(dsp)).expect(200);
      expect(body.staff.map((member: { name: string }) => member.name)).not.toContain('Jac Parry');
    });

    it('shows governors the figures and concerns but no staff names or ids', async () => {
      const { body } = await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(governor)).expect(200);
      expect(body.counts).toEqual({
        current: 29,
        dueSoon: 4,
        lapsed: 3,
        never: 2,
        inductionDue: 1,
        inductionOverdue: 1,
      });
      expect(body.staff).toHaveLength(40);
      for (const member of body.staff) {
        expect(member).not.toHaveProperty('id');
        expect(member).not.toHaveProperty('name');
      }
      for (const concern of body.concerns) expect(concern).not.toHaveProperty('staffIds');
      expect(JSON.stringify(body)).not.toContain('Bethan');
    });

    it('shows governors names once the school turns on governorsSeeNames', async () => {
      await testApp.http
        .patch(`/api/schools/${schoolId}`)
        .set(bearer(dsp))
        .send({ governorsSeeNames: true })
        .expect(200);
      const { body } = await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(governor)).expect(200);
      expect(body.staff[0]).toHaveProperty('name');
      expect(body.concerns[0]).toHaveProperty('staffIds');
      await testApp.http.get('/api/staff').set(bearer(governor)).expect(200);
      await testApp.http
        .patch(`/api/schools/${schoolId}`)
        .set(bearer(dsp))
        .send({ governorsSeeNames: false })
        .expect(200);
    });

    it('refuses staff users (403), other schools (403) and unknown schools (404)', async () => {
      await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(staffUser)).expect(403);
      const { body: other } = await testApp.http
        .post('/api/schools')
        .set(bearer(admin))
        .send({ name: 'Another school' })
        .expect(201);
      await testApp.http.get(`/api/schools/${other.id}/compliance`).set(bearer(dsp)).expect(403);
      await testApp.http.get('/api/schools/9999/compliance').set(bearer(admin)).expect(404);
    });
  });

  describe('GET /api/schools/:id/compliance.csv', () => {
    it('has one row per active staff member', async () => {
      const { text, headers } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance.csv`)
        .set(bearer(dsp))
        .expect(200);
      expect(headers['content-type']).toContain('text/csv');
      const lines = text.trim().split('\r\n');
      expect(lines[0]).toBe('staff_id,name,job_title,safeguarding_role,status,expires_on,dsp_advanced_expires_on');
      expect(lines).toHaveLength(41);
      expect(text).toContain('Bethan Davies');
    });

    it('leaves out ids, names and job titles for governors', async () => {
      const { text } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance.csv`)
        .set(bearer(governor))
        .expect(200);
      const lines = text.trim().split('\r\n');
      expect(lines[0]).toBe('safeguarding_role,status,expires_on,dsp_advanced_expires_on');
      expect(lines).toHaveLength(41);
      expect(text).not.toContain('Bethan');
    });

    it('neutralises spreadsheet formulas in names', async () => {
      const { body: member } = await testApp.http
        .post('/api/staff')
        .set(bearer(dsp))
        .send({
          schoolId,
          name: '=HYPERLINK("http://evil.example","x")',
          email: 'formula@bryn-derw.example',
          startDate: '2020-01-01',
        })
        .expect(201);
      const { text } = await testApp.http.get(`/api/schools/${schoolId}/compliance.csv`).set(bearer(dsp)).expect(200);
      expect(text).toContain(`${member.id},"'=HYPERLINK(""http://evil.example"",""x"")"`);
      await testApp.http.delete(`/api/staff/${member.id}`).set(bearer(dsp)).expect(200);
    });
  });

  describe('GET /api/compliance (roll-up)', () => {
    it('gives admins one row per school', async () => {
      const { body } = await testApp.http.get('/api/compliance').set(bearer(admin)).expect(200);
      const demo = body.find((row: { schoolId: number }) => row.schoolId === schoolId);
      expect(demo).toMatchObject({
        schoolName: 'Ysgol Bryn Derw',
        activeStaff: 40,
        percentCurrent: 82.5,
        counts: { current: 29, never: 2 },
      });
      expect(demo.concerns).toEqual(expect.arrayContaining(['dsp-training', 'induction-gap', 'single-expert']));
      const empty = body.find((row: { schoolName: string }) => row.schoolName === 'Another school');
      expect(empty).toMatchObject({ activeStaff: 0, percentCurrent: null });
    });

    it('is for admins only', async () => {
      await testApp.http.get('/api/compliance').set(bearer(dsp)).expect(403);
      await testApp.http.get('/api/compliance').set(bearer(governor)).expect(403);
    });
  });

  describe('history', () => {
    it('takes a snapshot on demand, replaces it the same day, and lists it for governors', async () => {
      await testApp.http.post(`/api/schools/${schoolId}/compliance/snapshots`).set(bearer(governor)).expect(403);
      const first = await testApp.http
        .post(`/api/schools/${schoolId}/compliance/snapshots`)
        .set(bearer(dsp))
        .expect(201);
      expect(first.body).toMatchObject({ date: '2026-11-27', activeStaff: 40, percentCurrent: 82.5 });
      await testApp.http.post(`/api/schools/${schoolId}/compliance/snapshots`).set(bearer(dsp)).expect(201);
      const { body } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance/history?from=2026-11-20&to=2026-11-30`)
        .set(bearer(governor))
        .expect(200);
      expect(body).toEqual([
        expect.objectContaining({
          date: '2026-11-27',
          counts: expect.objectContaining({ current: 29 }),
          concerns: expect.arrayContaining(['induction-gap']),
        }),
      ]);
    });

    it('has the demo school’s fortnightly history for the last six months, oldest first', async () => {
      const { body } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance/history?to=2026-11-26`)
        .set(bearer(governor))
        .expect(200);
      expect(body.map((point: { date: string }) => point.date)).toEqual([
        '2026-05-29',
        '2026-06-12',
        '2026-06-26',
        '2026-07-10',
        '2026-07-24',
        '2026-08-07',
        '2026-08-21',
        '2026-09-04',
        '2026-09-18',
        '2026-10-02',
        '2026-10-16',
        '2026-10-30',
        '2026-11-13',
      ]);
      expect(
        body.every((point: { percentCurrent: number }) => point.percentCurrent >= 0 && point.percentCurrent <= 100),
      ).toBe(true);
    });

    it('takes one snapshot per school in the daily job', async () => {
      const taken = await testApp.app.get(ComplianceHistoryService).snapshotAll();
      const { body: schools } = await testApp.http.get('/api/schools').set(bearer(admin)).expect(200);
      expect(taken).toBe(schools.length);
    });

    it('refuses a bad range', async () => {
      await testApp.http
        .get(`/api/schools/${schoolId}/compliance/history?from=2026-02-30`)
        .set(bearer(dsp))
        .expect(400);
      await testApp.http
        .get(`/api/schools/${schoolId}/compliance/history?from=2026-12-01&to=2026-11-01`)
        .set(bearer(dsp))
        .expect(400);
    });
  });

  describe('changes through the API move the figures', () => {
    it('a recorded completion makes a never-trained member current; marking them left takes them out', async () => {
      const { body: before } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance`)
        .set(bearer(dsp))
        .expect(200);
      const delyth = before.staff.find((member: { name: string }) => member.name === 'Delyth Price');
      expect(delyth.status).toBe('never');
      const { body: courses } = await testApp.http.get('/api/courses').set(bearer(dsp)).expect(200);
      const hwb = courses.find((course: { title: string }) => course.title.startsWith('Keeping safe online'));
      await testApp.http
        .post('/api/completions')
        .set(bearer(dsp))
        .send({ staffId: delyth.id, courseId: hwb.id, completedOn: '2026-11-27' })
        .expect(201);
      const { body: after } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance`)
        .set(bearer(dsp))
        .expect(200);
      expect(after.staff.find((member: { id: number }) => member.id === delyth.id)).toMatchObject({
        status: 'current',
        expiresOn: '2027-11-27',
      });
      expect(after.counts.never).toBe(1);
      const emyr = after.staff.find((member: { name: string }) => member.name === 'Emyr Owen');
      await testApp.http.delete(`/api/staff/${emyr.id}`).set(bearer(dsp)).expect(200);
      const { body: final } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance`)
        .set(bearer(dsp))
        .expect(200);
      expect(final.activeStaff).toBe(39);
      expect(final.counts.never).toBe(0);
      expect(final.concerns.find((concern: { code: string }) => concern.code === 'untrained-staff').staffIds).toEqual([
        before.staff.find((member: { name: string }) => member.name === 'Huw Jenkins').id,
      ]);
    });

    it('follows school settings: a longer due-soon window moves staff from current to due-soon', async () => {
      const { body: before } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance`)
        .set(bearer(dsp))
        .expect(200);
      await testApp.http.patch(`/api/schools/${schoolId}`).set(bearer(dsp)).send({ dueSoonDays: 90 }).expect(200);
      const { body: after } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance`)
        .set(bearer(dsp))
        .expect(200);
      expect(after.counts.dueSoon).toBeGreaterThan(before.counts.dueSoon);
      expect(after.counts.current + after.counts.dueSoon).toBe(before.counts.current + before.counts.dueSoon);
      await testApp.http.patch(`/api/schools/${schoolId}`).set(bearer(dsp)).send({ dueSoonDays: 30 }).expect(200);
    });
  });
});
