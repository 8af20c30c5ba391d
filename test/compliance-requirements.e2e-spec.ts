import { STATUS_SEVERITY, TrainingStatus } from '../src/compliance/compliance.types';
import { ADMIN, createTestApp, login, TestApp } from './utils/create-test-app';
import { bearer } from './utils/use-world';

const PASSWORD = 'a-long-test-password';

/**
 * One school on 2026-11-27: a DSP whose only training is a 24-month DSP-advanced course
 * (that also covers online safety) taken a year and a week ago, a senior leader and a
 * teacher trained on a whole-staff course in June.
 */
describe('compliance by requirement (TODAY=2026-11-27)', () => {
  let testApp: TestApp;
  let admin: string;
  let dsp: string;
  let governor: string;
  let schoolId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    testApp = await createTestApp({ today: '2026-11-27' });
    admin = await login(testApp, ADMIN.email, ADMIN.password);
    const post = async (path: string, body: object) =>
      (await testApp.http.post(path).set(bearer(admin)).send(body).expect(201)).body;
    schoolId = (await post('/api/schools', { name: 'Ysgol y Cap' })).id;
    const wholeStaff = await post('/api/courses', {
      title: 'Whole-staff safeguarding and online safety',
      topics: ['online-safety', 'osh-response', 'safeguarding'],
      validityMonths: 12,
      contentReviewedOn: '2026-05-01',
      schoolId,
    });
    const dspCourse = await post('/api/courses', {
      title: 'DSP advanced (24 months)',
      topics: ['dsp-advanced', 'online-safety', 'osh-response'],
      validityMonths: 24,
      contentReviewedOn: '2025-10-01',
      schoolId,
    });
    const members: [string, object, number, string][] = [
      ['dsp', { safeguardingRole: 'dsp', name: 'Zara DSP' }, dspCourse.id, '2025-11-20'],
      ['leader', { seniorLeader: true, name: 'Aled Leader' }, wholeStaff.id, '2026-06-01'],
      ['teacher', { name: 'Mair Teacher' }, wholeStaff.id, '2026-06-01'],
    ];
    for (const [key, fields, courseId, completedOn] of members) {
      const member = await post('/api/staff', {
        schoolId,
        email: `${key}@cap.test`,
        startDate: '2020-09-01',
        ...fields,
      });
      ids[key] = member.id;
      await post('/api/completions', { staffId: member.id, courseId, completedOn });
    }
    await post('/api/users', { email: 'dsp-user@cap.test', password: PASSWORD, role: 'dsp', schoolId });
    await post('/api/users', { email: 'governor@cap.test', password: PASSWORD, role: 'governor', schoolId });
    dsp = await login(testApp, 'dsp-user@cap.test', PASSWORD);
    governor = await login(testApp, 'governor@cap.test', PASSWORD);
  });
  afterAll(() => testApp.close());

  const summary = async (token: string) =>
    (await testApp.http.get(`/api/schools/${schoolId}/compliance`).set(bearer(token)).expect(200)).body;

  it('caps the 24-month course at 12 months for online safety, not for DSP-advanced', async () => {
    const body = await summary(dsp);
    const row = body.staff.find((member: { id: number }) => member.id === ids.dsp);
    expect(row).toMatchObject({
      status: 'lapsed',
      expiresOn: '2026-11-20',
      dspAdvancedExpiresOn: '2027-11-20',
      overallStatus: 'never',
      requirements: {
        'online-safety': 'lapsed',
        'osh-response': 'lapsed',
        safeguarding: 'never',
        'dsp-advanced': 'current',
      },
    });
    expect(body.counts).toEqual({ current: 2, dueSoon: 0, lapsed: 1, never: 0, inductionDue: 0, inductionOverdue: 0 });
    expect(body.percentCurrent).toBe(66.7);
  });

  it('gives each requirement’s figures among the staff it applies to', async () => {
    const body = await summary(dsp);
    const figures = Object.fromEntries(
      body.requirements.map((row: { code: string; applies: number; percentCurrent: number | null }) => [
        row.code,
        [row.applies, row.percentCurrent],
      ]),
    );
    expect(figures).toEqual({
      'online-safety': [3, 66.7],
      'osh-response': [3, 66.7],
      safeguarding: [3, 66.7],
      'dsp-advanced': [1, 100],
      'filtering-monitoring': [1, 0],
    });
    expect(body.requirements[4]).toMatchObject({
      title: 'Filtering and monitoring',
      titleCy: 'Hidlo a monitro',
      counts: { never: 1, current: 0 },
    });
    const leader = body.staff.find((member: { id: number }) => member.id === ids.leader);
    expect(leader).toMatchObject({ status: 'current', overallStatus: 'never' });
    expect(leader.requirements['filtering-monitoring']).toBe('never');
    const teacher = body.staff.find((member: { id: number }) => member.id === ids.teacher);
    expect(teacher.requirements).toEqual({
      'online-safety': 'current',
      'osh-response': 'current',
      safeguarding: 'current',
    });
  });

  it('raises each requirement’s gap, naming the staff and the requirement', async () => {
    const body = await summary(dsp);
    const byCode = Object.fromEntries(body.concerns.map((concern: { code: string }) => [concern.code, concern]));
    expect(byCode['osh-response-gap']).toMatchObject({
      severity: 'high',
      staffIds: [ids.dsp],
      requirementCode: 'osh-response',
    });
    expect(byCode['safeguarding-gap']).toMatchObject({ staffIds: [ids.dsp], requirementCode: 'safeguarding' });
    expect(byCode['filtering-training-gap']).toMatchObject({
      staffIds: [ids.leader],
      requirementCode: 'filtering-monitoring',
    });
    expect(byCode['dsp-training'].staffIds).toEqual([ids.dsp]);
    expect(byCode['osh-response-gap'].guidance).toMatch(/Welsh Government and Childnet.*key question 3/);
  });

  it('shows governors unnamed rows by overall status, then expiry, never by name', async () => {
    const body = await summary(governor);
    expect(body.staff).toEqual([
      expect.objectContaining({ overallStatus: 'never', expiresOn: '2026-11-20' }),
      expect.objectContaining({ overallStatus: 'never', expiresOn: '2027-06-01' }),
      expect.objectContaining({ overallStatus: 'current' }),
    ]);
    for (const row of body.staff) {
      expect(row).not.toHaveProperty('id');
      expect(row).not.toHaveProperty('name');
    }
    expect(body.concerns.every((concern: object) => !('staffIds' in concern))).toBe(true);
  });

  it('puts one CSV column per requirement, empty where it does not apply', async () => {
    const { text } = await testApp.http.get(`/api/schools/${schoolId}/compliance.csv`).set(bearer(dsp)).expect(200);
    const [header, ...rows] = text.trim().split(/\r?\n/);
    expect(header).toBe(
      'staff_id,name,job_title,safeguarding_role,status,expires_on,dsp_advanced_expires_on,overall_status,' +
        'online-safety,osh-response,safeguarding,dsp-advanced,filtering-monitoring',
    );
    expect(rows.find((row) => row.startsWith(`${ids.teacher},`))).toBe(
      `${ids.teacher},Mair Teacher,,none,current,2027-06-01,,current,current,current,current,,`,
    );
    const governors = await testApp.http
      .get(`/api/schools/${schoolId}/compliance.csv`)
      .set(bearer(governor))
      .expect(200);
    const [governorHeader, ...governorRows] = governors.text.trim().split(/\r?\n/);
    // Unnamed: no role, no DSP-only column, and worst overall status first (never by name).
    expect(governorHeader).toBe('status,expires_on,overall_status,online-safety,osh-response,safeguarding');
    const overall = governorRows.map((row) => STATUS_SEVERITY.indexOf(row.split(',')[2] as TrainingStatus));
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    expect(governors.text).not.toMatch(/\bdsp\b/);
  });

  it('adds a school’s own requirement to every figure, and drops it when removed', async () => {
    await testApp.http
      .post(`/api/schools/${schoolId}/requirements`)
      .set(bearer(dsp))
      .send({
        code: 'leaders-safeguarding',
        titleEn: 'Safeguarding for leaders',
        titleCy: 'Diogelu i arweinwyr',
        audience: 'senior-leaders',
        topics: ['safeguarding', 'online-safety'],
        refreshMonths: 6,
        induction: false,
      })
      .expect(201);
    const body = await summary(dsp);
    // Trained on 2026-06-01: six months run out on 2026-12-01, within the due-soon days.
    expect(body.requirements.at(-1)).toMatchObject({ code: 'leaders-safeguarding', applies: 1, percentCurrent: 100 });
    const leader = body.staff.find((member: { id: number }) => member.id === ids.leader);
    expect(leader.requirements['leaders-safeguarding']).toBe('due-soon');
    await testApp.http
      .delete(`/api/schools/${schoolId}/requirements/leaders-safeguarding`)
      .set(bearer(dsp))
      .expect(204);
    expect((await summary(dsp)).requirements).toHaveLength(5);
  });

  it('keeps per-requirement figures in the admin roll-up and the snapshots', async () => {
    const rollup = await testApp.http.get('/api/compliance').set(bearer(admin)).expect(200);
    const row = rollup.body.find((school: { schoolId: number }) => school.schoolId === schoolId);
    expect(row.requirements.map((figure: { code: string }) => figure.code)).toEqual([
      'online-safety',
      'osh-response',
      'safeguarding',
      'dsp-advanced',
      'filtering-monitoring',
    ]);
    expect(row.concerns).toEqual(expect.arrayContaining(['osh-response-gap', 'filtering-training-gap']));
    const snapshot = await testApp.http
      .post(`/api/schools/${schoolId}/compliance/snapshots`)
      .set(bearer(dsp))
      .expect(201);
    expect(snapshot.body.requirements[3]).toEqual({
      code: 'dsp-advanced',
      applies: 1,
      counts: { current: 1, dueSoon: 0, lapsed: 0, never: 0, inductionDue: 0, inductionOverdue: 0 },
      percentCurrent: 100,
    });
    const history = await testApp.http
      .get(`/api/schools/${schoolId}/compliance/history`)
      .set(bearer(governor))
      .expect(200);
    expect(history.body.at(-1).requirements).toEqual(snapshot.body.requirements);
  });

  it('judges by academic year when the school says so (June training counts to 30 September)', async () => {
    await testApp.http
      .patch(`/api/schools/${schoolId}`)
      .set(bearer(dsp))
      .send({ expiryBasis: 'academic-year' })
      .expect(200);
    const body = await summary(dsp);
    expect(body.staff.find((member: { id: number }) => member.id === ids.teacher)).toMatchObject({
      status: 'lapsed',
      expiresOn: '2026-09-30',
    });
    await testApp.http
      .patch(`/api/schools/${schoolId}`)
      .set(bearer(dsp))
      .send({ academicYearGraceDays: 90 })
      .expect(200);
    expect((await summary(dsp)).staff.find((member: { id: number }) => member.id === ids.teacher)).toMatchObject({
      status: 'due-soon',
      expiresOn: '2026-11-29',
    });
    await testApp.http.patch(`/api/schools/${schoolId}`).set(bearer(dsp)).send({ expiryBasis: 'rolling' }).expect(200);
  });
});
