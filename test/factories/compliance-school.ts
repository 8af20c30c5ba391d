import { buildCourse, PASSWORD } from './world';
import { ADMIN, login, TestApp } from '../utils/create-test-app';
import { bearer } from '../utils/use-world';

export interface ComplianceSchool {
  schoolId: number;
  adminToken: string;
  dspToken: string;
  governorToken: string;
  staffToken: string;
  /** Staff ids by the name of the member. */
  ids: Record<string, number>;
  onlineSafetyCourseId: number;
}

/** Each member, the fields that differ from a long-serving teacher, and their online-safety training. */
const MEMBERS: [string, object, { on: string; course?: 'outdated' } | null][] = [
  ['Bethan Davies', { safeguardingRole: 'dsp' }, { on: '2026-06-01' }], // current, but no DSP-advanced training
  ['Alaw Current', {}, { on: '2026-06-01' }],
  ['Bryn Current', {}, { on: '2026-06-01' }],
  ['Ceri Outdated', {}, { on: '2026-06-01', course: 'outdated' }], // current, from a course not reviewed for years
  ['Dafydd Later', {}, { on: '2026-01-20' }], // expires in 54 days: current, due soon with a 90-day window
  ['Eleri Due', {}, { on: '2025-12-10' }], // expires in 13 days: due soon
  ['Ffion Lapsed', {}, { on: '2025-06-01' }],
  ['Gareth Never', {}, null],
  ['Heledd Starter', { startDate: '2026-11-20' }, null], // inside the 30-day induction window
  ['Iwan Overdue', { startDate: '2026-09-01' }, null], // past it
  ['Jac Leaver', { leftOn: '2026-11-01' }, { on: '2026-06-01' }], // counts nowhere
];

/** The figures MEMBERS give on 2026-11-27 with the default settings. */
export const COMPLIANCE_SCHOOL_FIGURES = {
  activeStaff: 10,
  counts: { current: 5, dueSoon: 1, lapsed: 1, never: 1, inductionDue: 1, inductionOverdue: 1 },
  percentCurrent: 60,
};

/**
 * A school on 2026-11-27 with staff in every status, built through the API, so tests
 * of the figures do not depend on the demo school's data.
 */
export async function buildComplianceSchool(testApp: TestApp, name = 'Ysgol y Ffigurau'): Promise<ComplianceSchool> {
  const adminToken = await login(testApp, ADMIN.email, ADMIN.password);
  const post = async (path: string, body: object) =>
    (await testApp.http.post(path).set(bearer(adminToken)).send(body).expect(201)).body;
  const slug = name.toLowerCase().replace(/[^a-z]/g, '');
  const { id: schoolId } = await post('/api/schools', { name });
  const course = await post('/api/courses', buildCourse({ title: `Keeping safe online (${slug})`, schoolId }));
  const outdated = await post(
    '/api/courses',
    buildCourse({
      title: `Old briefing (${slug})`,
      schoolId,
      topics: ['online-safety'],
      contentReviewedOn: '2024-01-01',
    }),
  );
  const ids: Record<string, number> = {};
  for (const [memberName, fields, training] of MEMBERS) {
    const member = await post('/api/staff', {
      schoolId,
      name: memberName,
      email: `${memberName.toLowerCase().replace(/ /g, '.')}@${slug}.test`,
      startDate: '2020-01-01',
      ...fields,
    });
    ids[memberName] = member.id;
    if (training) {
      const courseId = training.course === 'outdated' ? outdated.id : course.id;
      await post('/api/completions', { staffId: member.id, courseId, completedOn: training.on });
    }
  }
  const account = async (role: string, extra: object = {}) => {
    const email = `${role}@${slug}.test`;
    await post('/api/users', { email, password: PASSWORD, role, schoolId, ...extra });
    return login(testApp, email, PASSWORD);
  };
  return {
    schoolId,
    adminToken,
    dspToken: await account('dsp'),
    governorToken: await account('governor'),
    staffToken: await account('staff', { staffId: ids['Alaw Current'] }),
    ids,
    onlineSafetyCourseId: course.id,
  };
}
