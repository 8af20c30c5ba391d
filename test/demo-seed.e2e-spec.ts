import { createTestApp, dropDatabase, login, TestApp } from './utils/create-test-app';
import { signIn, startServerProcess } from './utils/server-process';

describe('demo school seed', () => {
  describe('with SEED_DEMO on (the default)', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createTestApp({ today: '2026-11-27', seedDemo: true });
    });
    afterAll(() => testApp.close());

    it('loads one school of 41 staff, one of them a leaver, with demo logins for every role', async () => {
      const token = await login(testApp, 'dsp@bryn-derw.example', 'demo-password-2026');
      const { body: staff } = await testApp.http.get('/api/staff').set('Authorization', `Bearer ${token}`).expect(200);
      expect(staff).toHaveLength(41);
      expect(staff.filter((member: { leftOn: string | null }) => member.leftOn !== null)).toHaveLength(1);
      expect(
        staff
          .filter((member: { safeguardingRole: string }) => member.safeguardingRole !== 'none')
          .map((member: { safeguardingRole: string }) => member.safeguardingRole)
          .sort(),
      ).toEqual(['deputy-dsp', 'dsp']);
      for (const email of ['admin@demo.example', 'governor@bryn-derw.example', 'rhodri.evans@bryn-derw.example']) {
        await login(testApp, email, 'demo-password-2026');
      }
    });

    it('dates the demo relative to today, so it never goes stale', async () => {
      const token = await login(testApp, 'dsp@bryn-derw.example', 'demo-password-2026');
      const { body: staff } = await testApp.http.get('/api/staff').set('Authorization', `Bearer ${token}`).expect(200);
      expect(staff.map((member: { startDate: string }) => member.startDate)).toContain('2026-11-17');
    });

    it('does not load it again into a database that has a school', async () => {
      const again = await createTestApp({ seedDemo: true, env: { DATABASE_URL: testApp.databaseUrl } });
      const [{ n }] = await again.dataSource.query('SELECT COUNT(*) AS n FROM school');
      expect(Number(n)).toBe(1);
      await again.close();
    });
  });

  it('is loaded once when two server processes start together on one migrated database', async () => {
    const migrated = await createTestApp({ seedDemo: false });
    const url = migrated.databaseUrl;
    await migrated.app.close();
    const servers = await Promise.all(
      [1, 2].map(() => startServerProcess({ DATABASE_URL: url, SEED_DEMO: '1', TODAY: '2026-11-27' })),
    );
    const token = await signIn(servers[0], 'admin@demo.example', 'demo-password-2026');
    const schools = (await (
      await fetch(`${servers[1].url}/api/schools`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as unknown[];
    expect(schools).toHaveLength(1);
    for (const server of servers) server.child.kill('SIGTERM');
    await expect(Promise.all(servers.map((server) => server.exited))).resolves.toEqual([0, 0]);
    await dropDatabase(url);
  });

  it('loads nothing with SEED_DEMO=0', async () => {
    const testApp = await createTestApp({ seedDemo: false });
    const [{ n }] = await testApp.dataSource.query('SELECT COUNT(*) AS n FROM school');
    expect(Number(n)).toBe(0);
    await testApp.close();
  });
});
