import { JwtService } from '@nestjs/jwt';
import { AuthService } from '../src/auth/auth.service';
import { SIGN_IN_DELAY } from '../src/auth/login-attempts.service';
import { buildWorld, PASSWORD, World } from './factories/world';
import { createTestApp, login, TestApp } from './utils/create-test-app';
import { bearer } from './utils/use-world';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

describe('sign-in security', () => {
  let testApp: TestApp;
  let world: World;
  /** Every delay the server waited before answering a failed sign-in, instead of waiting it. */
  const delays: number[] = [];

  beforeAll(async () => {
    testApp = await createTestApp({
      env: { TRUST_PROXY: '1' },
      overrides: [{ provide: SIGN_IN_DELAY, useValue: (ms: number) => void delays.push(ms) }],
    });
    world = await buildWorld(testApp);
  });
  afterAll(() => testApp.close());
  beforeEach(() => (delays.length = 0));

  const attempt = (email: string, password: string, from: string) =>
    testApp.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });

  describe('progressive slow-down instead of lock-out', () => {
    it(
      'slows each further failure for an account, doubling up to a cap, and never refuses ' + 'the right password',
      async () => {
        for (let index = 0; index < 10; index += 1)
          await attempt('governor@a.test', 'wrong-password-here', `198.51.100.${index}`).expect(401);
        expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 16000, 20000, 20000].filter((ms) => ms > 0));
        delays.length = 0;
        await attempt('governor@a.test', PASSWORD, '198.51.100.50').expect(200);
        expect(delays).toEqual([]);
      },
    );

    it('lets the owner in from a fresh address after someone else’s failures from another one', async () => {
      for (let index = 0; index < 40; index += 1)
        await attempt(`guess-${index}@a.test`, 'wrong-password-here', '203.0.113.66').expect(401);
      expect(Math.max(...delays)).toBe(20000);
      delays.length = 0;
      await attempt('dsp@a.test', PASSWORD, '192.0.2.10').expect(200);
      expect(delays).toEqual([]);
      // The attacker's own address is slowed even on an account with no failures.
      await attempt('staff@a.test', 'wrong-password-here', '203.0.113.66').expect(401);
      expect(delays).toEqual([20000]);
    });

    it('lets an admin clear an account’s failures', async () => {
      for (let index = 0; index < 6; index += 1)
        await attempt('staff@b.test', 'wrong-password-here', `198.51.100.${100 + index}`).expect(401);
      const { body: users } = await testApp.http.get('/api/users').set(bearer(world.adminToken)).expect(200);
      const id = users.find((user: { email: string }) => user.email === 'staff@b.test').id;
      await testApp.http.post(`/api/users/${id}/clear-failures`).set(bearer(world.adminToken)).expect(204);
      delays.length = 0;
      await attempt('staff@b.test', 'wrong-password-here', '198.51.100.120').expect(401);
      expect(delays).toEqual([]);
    });
  });

  describe('tokens', () => {
    it(
      'refuses a validly signed token without an expiry (401), and logging out with it is ' + '401, never 500',
      async () => {
        const { body: users } = await testApp.http.get('/api/users').set(bearer(world.adminToken)).expect(200);
        const admin = users.find((user: { role: string }) => user.role === 'admin');
        const forever = new JwtService({ secret: SECRET }).sign({ sub: admin.id, ver: 0 }, { jwtid: 'no-expiry' });
        await testApp.http.get('/api/schools').set(bearer(forever)).expect(401);
        await testApp.http.post('/api/auth/logout').set(bearer(forever)).expect(401);
        const expiring = new JwtService({ secret: SECRET }).sign(
          { sub: admin.id, ver: 0 },
          { jwtid: 'with-expiry', expiresIn: '1h' },
        );
        await testApp.http.get('/api/schools').set(bearer(expiring)).expect(200);
      },
    );

    it('purges signed-out tokens once they would have expired, keeping those still live', async () => {
      const token = await login(testApp, 'dsp@b.test', PASSWORD);
      await testApp.http.post('/api/auth/logout').set(bearer(token)).expect(204);
      await testApp.dataSource.query(
        `INSERT INTO revoked_token ("jti", "expiresAt") VALUES ('long-gone', '2026-01-01T00:00:00.000Z')`,
      );
      await expect(testApp.app.get(AuthService).purgeExpired()).resolves.toMatchObject({ revokedTokens: 1 });
      const rows: { jti: string }[] = await testApp.dataSource.query('SELECT "jti" FROM revoked_token');
      expect(rows.map((row) => row.jti)).not.toContain('long-gone');
      expect(rows).toHaveLength(1);
      await testApp.http.get('/api/courses').set(bearer(token)).expect(401);
    });
  });
});
