import { daysBetween } from '../src/common/day';
import { seedDemoSchool } from '../src/demo/demo-seeder';
import { createTestApp, dropDatabase, login, TestApp } from './utils/create-test-app';
import { bearer } from './utils/use-world';
import { signIn, startServerProcess } from './utils/server-process';

const DEMO_PASSWORD = 'demo-password-2026';
const DEFAULTS = ['online-safety', 'osh-response', 'safeguarding', 'dsp-advanced', 'filtering-monitoring'];
const STATUSES = ['current', 'due-soon', 'lapsed', 'never', 'induction-due', 'induction-overdue'];

/** What the demo school shows its DSP: structural facts only, so the demo data can change freely. */
async function demoAsSeen(testApp: TestApp) {
  const token = await login(testApp, 'dsp@bryn-derw.example', DEMO_PASSWORD);
  const { body: staff } = await testApp.http.get('/api/staff').set(bearer(token)).expect(200);
  const { body: compliance } = await testApp.http
    .get(`/api/schools/${staff[0].schoolId}/compliance`)
    .set(bearer(token))
    .expect(200);
  return { token, staff, compliance };
}

describe(seedDemoSchool.name, () => {
  describe('with SEED_DEMO on (the default)', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createTestApp({ today: '2026-11-27', seedDemo: true });
    });
    afterAll(() => testApp.close());

    it('shows the training matrix: senior leaders, a filtering lead and a requirement of its own', async () => {
      const { token, staff, compliance } = await demoAsSeen(testApp);
      expect(staff.some((member: { seniorLeader: boolean }) => member.seniorLeader)).toBe(true);
      expect(staff.some((member: { filteringLead: boolean }) => member.filteringLead)).toBe(true);
      const { body: requirements } = await testApp.http
        .get(`/api/schools/${staff[0].schoolId}/requirements`)
        .set(bearer(token))
        .expect(200);
      expect(requirements.length).toBeGreaterThan(5);
      expect(
        requirements.some((requirement: { removable: boolean; code: string }) => !DEFAULTS.includes(requirement.code)),
      ).toBe(true);
      expect(compliance.requirements.map((row: { code: string }) => row.code)).toEqual(
        requirements.map((row: { code: string }) => row.code),
      );
      for (const row of compliance.requirements) expect(row.applies).toBeGreaterThan(0);
      expect(compliance.requirements[0].percentCurrent).toBe(compliance.percentCurrent);
    });

    it('loads one school with a DSP, a deputy, a leaver and demo logins for every role', async () => {
      const { staff } = await demoAsSeen(testApp);
      const roles = staff.map((member: { safeguardingRole: string }) => member.safeguardingRole);
      expect(roles).toEqual(expect.arrayContaining(['dsp', 'deputy-dsp']));
      expect(staff.some((member: { leftOn: string | null }) => member.leftOn !== null)).toBe(true);
      expect(new Set(staff.map((member: { schoolId: number }) => member.schoolId)).size).toBe(1);
      for (const email of ['admin@demo.example', 'governor@bryn-derw.example', 'rhodri.evans@bryn-derw.example']) {
        await login(testApp, email, DEMO_PASSWORD);
      }
    });

    it('shows every status and some concerns, so each page has something to show', async () => {
      const { compliance } = await demoAsSeen(testApp);
      const shown = new Set(compliance.staff.map((member: { status: string }) => member.status));
      expect([...shown].sort()).toEqual([...STATUSES].sort());
      expect(compliance.concerns.length).toBeGreaterThan(0);
      expect(compliance.activeStaff).toBe(compliance.staff.length);
    });

    it('has a fortnightly history for about the last six months, oldest first', async () => {
      const { token, staff } = await demoAsSeen(testApp);
      const { body } = await testApp.http
        .get(`/api/schools/${staff[0].schoolId}/compliance/history?to=2026-11-26`)
        .set(bearer(token))
        .expect(200);
      const dates: string[] = body.map((point: { date: string }) => point.date);
      expect(dates.length).toBeGreaterThanOrEqual(12);
      expect(dates[0] >= '2026-05-27').toBe(true);
      for (let index = 1; index < dates.length; index += 1)
        expect(daysBetween(dates[index - 1], dates[index])).toBe(14);
      for (const point of body) expect(point.percentCurrent).toBeGreaterThanOrEqual(0);
      for (const point of body) expect(point.percentCurrent).toBeLessThanOrEqual(100);
    });

    it('dates the demo relative to today, so it never goes stale', async () => {
      const later = await createTestApp({ today: '2028-03-15', seedDemo: true });
      // A starter inside the induction window on another date is only possible with dates relative to today.
      const { compliance } = await demoAsSeen(later);
      const shown = new Set(compliance.staff.map((member: { status: string }) => member.status));
      expect([...shown].sort()).toEqual([...STATUSES].sort());
      await later.close();
    });

    it('does not load it again into a database that has a school', async () => {
      const again = await createTestApp({ seedDemo: true, env: { DATABASE_URL: testApp.databaseUrl } });
      const [{ n }] = await again.dataSource.query('SELECT COUNT(*) AS n FROM school');
      expect(Number(n)).toBe(1);
      await again.close();
    });
  });

  // Two real server processes start side by side: slower than the suite's default timeout on a busy machine.
  it('is loaded once when two server processes start together on one migrated database', async () => {
    const migrated = await createTestApp({ seedDemo: false });
    const url = migrated.databaseUrl;
    await migrated.app.close();
    const servers = await Promise.all(
      [1, 2].map(() => startServerProcess({ DATABASE_URL: url, SEED_DEMO: '1', TODAY: '2026-11-27' })),
    );
    const token = await signIn(servers[0], 'admin@demo.example', DEMO_PASSWORD);
    const schools = (await (
      await fetch(`${servers[1].url}/api/schools`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as unknown[];
    expect(schools).toHaveLength(1);
    for (const server of servers) server.child.kill('SIGTERM');
    await expect(Promise.all(servers.map((server) => server.exited))).resolves.toEqual([0, 0]);
    await dropDatabase(url);
  }, 120_000);

  it('loads nothing with SEED_DEMO=0', async () => {
    const testApp = await createTestApp({ seedDemo: false });
    const [{ n }] = await testApp.dataSource.query('SELECT COUNT(*) AS n FROM school');
    expect(Number(n)).toBe(0);
    await testApp.close();
  });
});
