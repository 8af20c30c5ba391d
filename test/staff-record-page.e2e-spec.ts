import { buildReminderSchool } from './factories/reminder-school';
import { createTestApp, TestApp } from './utils/create-test-app';
import { signInPage } from './utils/page-session';
import { bearer } from './utils/use-world';

describe('Staff record page (reminders by requirement)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ today: '2026-11-27' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('names each requirement a reminder was about, a school’s own included', async () => {
    const school = await buildReminderSchool(testApp, 'Ysgol Cofnod');
    await testApp.http
      .post(`/api/schools/${school.schoolId}/requirements`)
      .set(bearer(school.adminToken))
      .send({
        code: 'local-briefing',
        titleEn: 'Local safeguarding briefing',
        titleCy: 'Briff diogelu lleol',
        audience: 'all-staff',
        topics: ['safeguarding'],
        refreshMonths: null,
        induction: false,
      })
      .expect(201);
    await testApp.http.post('/api/reminders/run').set(bearer(school.adminToken)).expect(200);
    const reminders = await testApp.dataSource.query(
      `SELECT DISTINCT training FROM reminder WHERE "staffId" = ${Number(school.ids.overdue7)}`,
    );
    const trainings = (reminders as { training: string }[]).map((row) => row.training);
    expect(trainings).toEqual(expect.arrayContaining(['osh-response', 'local-briefing']));

    const session = await signInPage(testApp, 'dsp-user@ysgolcofnod.test', 'a-long-test-password');
    const page = await testApp.http.get(`/staff/${school.ids.overdue7}`).set('Cookie', session.cookies).expect(200);
    expect(page.text).toContain('Responding to online sexual harassment');
    expect(page.text).toContain('local-briefing');
  });
});
