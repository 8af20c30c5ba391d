import { ADMIN, login, TestApp } from '../utils/create-test-app';

export const PASSWORD = 'a-long-test-password';

export interface SchoolFixture {
  id: number;
  dspToken: string;
  governorToken: string;
  staffToken: string;
  staffUserStaffId: number;
  staffIds: number[];
  inHouseCourseId: number;
}

export interface World {
  adminToken: string;
  sharedCourseId: number;
  dspCourseId: number;
  a: SchoolFixture;
  b: SchoolFixture;
}

export function buildStaff(schoolId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const unique = Math.random().toString(36).slice(2, 10);
  return {
    schoolId,
    name: `Staff ${unique}`,
    email: `staff-${unique}@school.test`,
    startDate: '2024-09-01',
    ...overrides,
  };
}

export function buildCourse(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Keeping safe online',
    topics: ['online-safety', 'osh-response'],
    validityMonths: 12,
    contentReviewedOn: '2026-06-01',
    ...overrides,
  };
}

/** Two schools, each with a DSP, a governor, a staff user, three staff and an in-house course. */
export async function buildWorld(testApp: TestApp): Promise<World> {
  const adminToken = await login(testApp, ADMIN.email, ADMIN.password);
  const post = (path: string, token: string, body: object) =>
    testApp.http
      .post(path)
      .set('Authorization', `Bearer ${token}`)
      .send(body)
      .expect(201)
      .then((response) => response.body);
  const shared = await post('/api/courses', adminToken, buildCourse({ provider: 'Hwb', induction: true }));
  const dspCourse = await post(
    '/api/courses',
    adminToken,
    buildCourse({ title: 'DSP advanced', topics: ['dsp-advanced'], validityMonths: 24 }),
  );

  async function school(letter: string): Promise<SchoolFixture> {
    const { id } = await post('/api/schools', adminToken, { name: `School ${letter}` });
    const staffIds: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      staffIds.push(
        (
          await post(
            '/api/staff',
            adminToken,
            buildStaff(id, { email: `s${index}@${letter}.test`, name: `Member ${letter}${index}` }),
          )
        ).id,
      );
    }
    await post('/api/users', adminToken, {
      email: `dsp@${letter}.test`,
      password: PASSWORD,
      role: 'dsp',
      schoolId: id,
    });
    await post('/api/users', adminToken, {
      email: `governor@${letter}.test`,
      password: PASSWORD,
      role: 'governor',
      schoolId: id,
    });
    await post('/api/users', adminToken, {
      email: `staff@${letter}.test`,
      password: PASSWORD,
      role: 'staff',
      schoolId: id,
      staffId: staffIds[0],
    });
    const inHouse = await post('/api/courses', adminToken, buildCourse({ title: `In-house ${letter}`, schoolId: id }));
    return {
      id,
      staffIds,
      staffUserStaffId: staffIds[0],
      inHouseCourseId: inHouse.id,
      dspToken: await login(testApp, `dsp@${letter}.test`, PASSWORD),
      governorToken: await login(testApp, `governor@${letter}.test`, PASSWORD),
      staffToken: await login(testApp, `staff@${letter}.test`, PASSWORD),
    };
  }

  return {
    adminToken,
    sharedCourseId: shared.id,
    dspCourseId: dspCourse.id,
    a: await school('a'),
    b: await school('b'),
  };
}
