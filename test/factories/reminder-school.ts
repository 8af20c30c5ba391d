import { buildCourse } from './world';
import { ADMIN, login, TestApp } from '../utils/create-test-app';
import { bearer } from '../utils/use-world';

export interface ReminderSchool {
  adminToken: string;
  dspToken: string;
  schoolId: number;
  courseId: number;
  ids: Record<string, number>;
  email: (key: string) => string;
}

/**
 * A school on 2026-11-27 where each member is at a different reminder point (for all
 * three all-staff requirements at once, so one email each):
 * 30 days, 7 days (in Welsh), on the day, 7 and 28 days overdue, a new starter,
 * and people who must get nothing.
 */
export async function buildReminderSchool(testApp: TestApp, name = 'Ysgol y Môr'): Promise<ReminderSchool> {
  const adminToken = await login(testApp, ADMIN.email, ADMIN.password);
  const post = async (path: string, body: object) =>
    (await testApp.http.post(path).set(bearer(adminToken)).send(body).expect(201)).body;
  const slug = name.toLowerCase().replace(/[^a-z]/g, '');
  const email = (key: string) => `${key}@${slug}.test`;
  const { id: schoolId } = await post('/api/schools', { name });
  const course = await post(
    '/api/courses',
    buildCourse({
      title: `Keeping safe online (${slug})`,
      schoolId,
      induction: true,
      url: 'https://hwb.example/keeping-safe-online',
      // The three all-staff requirements in one course: each member has one due date.
      topics: ['online-safety', 'osh-response', 'safeguarding'],
    }),
  );
  const dspCourse = await post(
    '/api/courses',
    buildCourse({ title: `DSP advanced (${slug})`, schoolId, topics: ['dsp-advanced'], validityMonths: 24 }),
  );
  await post('/api/courses', buildCourse({ title: `Old e-safety (${slug})`, schoolId, retired: true }));
  const members: [string, object, string | null][] = [
    ['dsp', { safeguardingRole: 'dsp' }, '2026-06-01'],
    ['coordinator', {}, '2026-06-01'],
    ['due30', {}, '2025-12-27'],
    ['due7', { language: 'cy' }, '2025-12-04'],
    ['today', {}, '2025-11-27'],
    ['overdue7', {}, '2025-11-20'],
    ['overdue28', {}, '2025-10-30'],
    ['fine', {}, '2026-09-01'],
    ['leaver', { leftOn: '2026-11-20' }, '2025-11-27'],
    ['starter', { startDate: '2026-11-27' }, null],
  ];
  const ids: Record<string, number> = {};
  for (const [key, fields, completedOn] of members) {
    const member = await post('/api/staff', {
      schoolId,
      name: `Member ${key}`,
      email: email(key),
      startDate: '2020-01-01',
      ...fields,
    });
    ids[key] = member.id;
    if (completedOn) await post('/api/completions', { staffId: member.id, courseId: course.id, completedOn });
    if (key === 'dsp') await post('/api/completions', { staffId: member.id, courseId: dspCourse.id, completedOn });
  }
  await testApp.http
    .patch(`/api/schools/${schoolId}`)
    .set(bearer(adminToken))
    .send({ trainingCoordinatorId: ids.coordinator })
    .expect(200);
  await post('/api/users', { email: `dsp-user@${slug}.test`, password: 'a-long-test-password', role: 'dsp', schoolId });
  const dspToken = await login(testApp, `dsp-user@${slug}.test`, 'a-long-test-password');
  return { adminToken, dspToken, schoolId, courseId: course.id, ids, email };
}
