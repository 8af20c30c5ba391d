import { ComplianceHistoryService } from '../src/compliance/compliance-history.service';
import { ComplianceController } from '../src/compliance/compliance.controller';
import { STATUS_SEVERITY, TrainingStatus } from '../src/compliance/compliance.types';
import { buildComplianceSchool, COMPLIANCE_SCHOOL_FIGURES, ComplianceSchool } from './factories/compliance-school';
import { createTestApp, TestApp } from './utils/create-test-app';
import { bearer } from './utils/use-world';

describe(ComplianceController.name, () => {
  let testApp: TestApp;
  let school: ComplianceSchool;
  let dsp: string;
  let governor: string;
  let admin: string;
  let staffUser: string;
  let schoolId: number;

  beforeAll(async () => {
    testApp = await createTestApp({ today: '2026-11-27' });
    school = await buildComplianceSchool(testApp);
    ({ schoolId, dspToken: dsp, governorToken: governor, adminToken: admin, staffToken: staffUser } = school);
  });
  afterAll(() => testApp.close());

  describe('GET /api/schools/:id/compliance', () => {
    it('gives the exact figures for a school with staff in every status', async () => {
      const { body } = await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(dsp)).expect(200);
      expect(body).toMatchObject({
        schoolId,
        schoolName: 'Ysgol y Ffigurau',
        asOf: '2026-11-27',
        ...COMPLIANCE_SCHOOL_FIGURES,
      });
      const statusOf = Object.fromEntries(
        body.staff.map((member: { name: string; status: string }) => [member.name, member.status]),
      );
      expect(statusOf).toEqual({
        'Bethan Davies': 'current',
        'Alaw Current': 'current',
        'Bryn Current': 'current',
        'Ceri Outdated': 'current',
        'Dafydd Later': 'current',
        'Eleri Due': 'due-soon',
        'Ffion Lapsed': 'lapsed',
        'Gareth Never': 'never',
        'Heledd Starter': 'induction-due',
        'Iwan Overdue': 'induction-overdue',
      });
      expect(body.staff.find((member: { name: string }) => member.name === 'Eleri Due').expiresOn).toBe('2026-12-10');
    });

    it('names the people behind each concern, in the guidance’s words', async () => {
      const { body } = await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(dsp)).expect(200);
      const byCode = Object.fromEntries(body.concerns.map((concern: { code: string }) => [concern.code, concern]));
      expect(Object.keys(byCode)).toEqual(
        expect.arrayContaining([
          'dsp-training',
          'filtering-review',
          'induction-gap',
          'low-coverage',
          'needs-unmet',
          'no-coordinator',
          'not-annual',
          'osh-response-gap',
          'outdated-materials',
          'safeguarding-gap',
          'single-expert',
          'untrained-staff',
        ]),
      );
      // The DSP has current online-safety training, so the school has a trained lead.
      expect(Object.keys(byCode)).not.toContain('no-online-safety-lead');
      const names = new Map(body.staff.map((member: { id: number; name: string }) => [member.id, member.name]));
      const namesOf = (code: string) => byCode[code].staffIds.map((id: number) => names.get(id)).sort();
      expect(namesOf('dsp-training')).toEqual(['Bethan Davies']);
      expect(namesOf('induction-gap')).toEqual(['Iwan Overdue']);
      expect(namesOf('untrained-staff')).toEqual(['Gareth Never', 'Iwan Overdue']);
      expect(namesOf('not-annual')).toEqual(['Ffion Lapsed']);
      expect(namesOf('outdated-materials')).toEqual(['Ceri Outdated']);
      expect(namesOf('needs-unmet')).toHaveLength(COMPLIANCE_SCHOOL_FIGURES.activeStaff);
      expect(byCode['outdated-materials'].courseIds).toHaveLength(1);
      expect(byCode['filtering-review'].settings).toEqual(['filteringReviewedOn']);
      expect(byCode['not-annual']).toMatchObject({
        severity: 'medium',
        staffCount: 1,
        guidance: expect.stringContaining('at least annually'),
      });
    });

    it('leaves leavers out of every figure', async () => {
      const { body } = await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(dsp)).expect(200);
      expect(body.staff.map((member: { name: string }) => member.name)).not.toContain('Jac Leaver');
      expect(body.staff.map((member: { id: number }) => member.id)).not.toContain(school.ids['Jac Leaver']);
    });

    it('shows governors the figures and concerns, with unnamed rows in status then expiry order', async () => {
      const { body } = await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(governor)).expect(200);
      expect(body.counts).toEqual(COMPLIANCE_SCHOOL_FIGURES.counts);
      expect(body.staff).toHaveLength(COMPLIANCE_SCHOOL_FIGURES.activeStaff);
      for (const member of body.staff) {
        // Status and expiry only: a role, job title or DSP-advanced expiry could point at one person.
        expect(Object.keys(member).sort()).toEqual(['expiresOn', 'overallStatus', 'requirements', 'status']);
      }
      const keys = body.staff.map((member: { status: TrainingStatus; expiresOn: string | null }) => [
        STATUS_SEVERITY.indexOf(member.status),
        member.expiresOn ?? '',
      ]);
      expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || String(a[1]).localeCompare(String(b[1]))));
      expect(new Set(keys.map((key: [number, string]) => key[0])).size).toBeGreaterThan(2);
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

    it('refuses staff users (403), and answers other schools and unknown schools alike (404)', async () => {
      await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(staffUser)).expect(403);
      const { body: other } = await testApp.http
        .post('/api/schools')
        .set(bearer(admin))
        .send({ name: 'Another school' })
        .expect(201);
      await testApp.http.get(`/api/schools/${other.id}/compliance`).set(bearer(dsp)).expect(404);
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
      expect(headers['content-disposition']).toBe('attachment; filename="compliance.csv"');
      const lines = text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'staff_id,name,job_title,safeguarding_role,status,expires_on,dsp_advanced_expires_on,overall_status,' +
          'online-safety,osh-response,safeguarding,dsp-advanced,filtering-monitoring',
      );
      expect(lines).toHaveLength(COMPLIANCE_SCHOOL_FIGURES.activeStaff + 1);
      expect(text).toContain('Bethan Davies');
      expect(text).not.toContain('Jac Leaver');
    });

    it('answers a school it cannot show with an error that is not labelled as a CSV file', async () => {
      const { headers, body } = await testApp.http
        .get('/api/schools/999999/compliance.csv')
        .set(bearer(dsp))
        .expect(404);
      expect(headers['content-type']).toContain('application/json');
      expect(headers['content-disposition']).toBeUndefined();
      expect(body.message).toEqual(expect.any(String));
    });

    it('leaves out ids, names, job titles and roles for governors, in status then expiry order', async () => {
      const { text } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance.csv`)
        .set(bearer(governor))
        .expect(200);
      const lines = text.trim().split('\r\n');
      expect(lines[0]).toBe('status,expires_on,overall_status,online-safety,osh-response,safeguarding');
      const { body } = await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(governor)).expect(200);
      // The same rows in the same order as the API: by overall status then expiry, never by name.
      interface Row {
        status: string;
        expiresOn: string | null;
        overallStatus: string;
        requirements: Record<string, string>;
      }
      expect(lines.slice(1)).toEqual(
        body.staff.map((row: Row) =>
          [
            row.status,
            row.expiresOn ?? '',
            row.overallStatus,
            ...['online-safety', 'osh-response', 'safeguarding'].map((code) => row.requirements[code] ?? ''),
          ].join(','),
        ),
      );
      expect(lines).toHaveLength(COMPLIANCE_SCHOOL_FIGURES.activeStaff + 1);
      expect(text).not.toContain('Bethan');
    });

    it('neutralises spreadsheet formulas in names', async () => {
      const { body: member } = await testApp.http
        .post('/api/staff')
        .set(bearer(dsp))
        .send({
          schoolId,
          name: '=HYPERLINK("http://evil.example","x")',
          email: 'formula@ysgolyffigurau.test',
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
      const row = body.find((row: { schoolId: number }) => row.schoolId === schoolId);
      expect(row).toMatchObject({ schoolName: 'Ysgol y Ffigurau', ...COMPLIANCE_SCHOOL_FIGURES });
      expect(row.concerns).toEqual(expect.arrayContaining(['dsp-training', 'induction-gap', 'single-expert']));
      expect(row.concerns).not.toContain('no-online-safety-lead');
      const empty = body.find((row: { schoolName: string }) => row.schoolName === 'Another school');
      expect(empty).toMatchObject({ activeStaff: 0, percentCurrent: null });
    });

    it('is for admins only', async () => {
      await testApp.http.get('/api/compliance').set(bearer(dsp)).expect(403);
      await testApp.http.get('/api/compliance').set(bearer(governor)).expect(403);
    });
  });

  describe('history and snapshots', () => {
    it('takes a snapshot on demand, replaces it the same day, and lists it for governors', async () => {
      await testApp.http.post(`/api/schools/${schoolId}/compliance/snapshots`).set(bearer(governor)).expect(403);
      const first = await testApp.http
        .post(`/api/schools/${schoolId}/compliance/snapshots`)
        .set(bearer(dsp))
        .expect(201);
      expect(first.body).toMatchObject({
        date: '2026-11-27',
        activeStaff: COMPLIANCE_SCHOOL_FIGURES.activeStaff,
        percentCurrent: COMPLIANCE_SCHOOL_FIGURES.percentCurrent,
      });
      await testApp.http.post(`/api/schools/${schoolId}/compliance/snapshots`).set(bearer(dsp)).expect(201);
      const { body } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance/history?from=2026-11-20&to=2026-11-30`)
        .set(bearer(governor))
        .expect(200);
      expect(body).toEqual([
        expect.objectContaining({
          date: '2026-11-27',
          counts: COMPLIANCE_SCHOOL_FIGURES.counts,
          concerns: expect.arrayContaining(['induction-gap']),
        }),
      ]);
    });

    it('takes one snapshot per school in the daily job', async () => {
      const taken = await testApp.app.get(ComplianceHistoryService).snapshotAll();
      const { body: schools } = await testApp.http.get('/api/schools').set(bearer(admin)).expect(200);
      expect(schools.length).toBeGreaterThanOrEqual(2);
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
    it('a recorded completion makes a never-trained member current; marking a member left takes them out', async () => {
      const gareth = school.ids['Gareth Never'];
      await testApp.http
        .post('/api/completions')
        .set(bearer(dsp))
        .send({ staffId: gareth, courseId: school.onlineSafetyCourseId, completedOn: '2026-11-27' })
        .expect(201);
      const { body: after } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance`)
        .set(bearer(dsp))
        .expect(200);
      expect(after.staff.find((member: { id: number }) => member.id === gareth)).toMatchObject({
        status: 'current',
        expiresOn: '2027-11-27',
      });
      expect(after.counts).toMatchObject({ never: 0, current: COMPLIANCE_SCHOOL_FIGURES.counts.current + 1 });
      expect(after.concerns.find((concern: { code: string }) => concern.code === 'untrained-staff').staffIds).toEqual([
        school.ids['Iwan Overdue'],
      ]);
      await testApp.http.delete(`/api/staff/${school.ids['Ffion Lapsed']}`).set(bearer(dsp)).expect(200);
      const { body: final } = await testApp.http
        .get(`/api/schools/${schoolId}/compliance`)
        .set(bearer(dsp))
        .expect(200);
      expect(final.activeStaff).toBe(COMPLIANCE_SCHOOL_FIGURES.activeStaff - 1);
      expect(final.counts.lapsed).toBe(0);
      expect(final.concerns.map((concern: { code: string }) => concern.code)).not.toContain('not-annual');
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
      // Dafydd's training expires in 54 days: current with a 30-day window, due soon with a 90-day one.
      expect(after.counts.dueSoon).toBe(Number(before.counts.dueSoon) + 1);
      expect(after.counts.current).toBe(Number(before.counts.current) - 1);
      expect(after.staff.find((member: { name: string }) => member.name === 'Dafydd Later').status).toBe('due-soon');
      await testApp.http.patch(`/api/schools/${schoolId}`).set(bearer(dsp)).send({ dueSoonDays: 30 }).expect(200);
    });
  });
});
