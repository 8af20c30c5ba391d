import { PASSWORD, World } from './factories/world';
import { ADMIN, login, tableCounts, TestApp } from './utils/create-test-app';
import { bearer, useWorld } from './utils/use-world';

describe('auth and users', () => {
  let testApp: TestApp;
  let world: World;

  useWorld({}, (app, built) => {
    testApp = app;
    world = built;
  });

  describe('POST /api/auth/login', () => {
    it('returns a token that opens the API', async () => {
      const token = await login(testApp, ADMIN.email, ADMIN.password);
      await testApp.http.get('/api/schools').set(bearer(token)).expect(200);
    });

    it('accepts the email in any case', async () => {
      await testApp.http
        .post('/api/auth/login')
        .send({ email: ADMIN.email.toUpperCase(), password: ADMIN.password })
        .expect(200);
    });

    it('refuses a wrong password or unknown email with 401', async () => {
      await testApp.http
        .post('/api/auth/login')
        .send({ email: ADMIN.email, password: 'wrong-password-here' })
        .expect(401);
      await testApp.http
        .post('/api/auth/login')
        .send({ email: 'nobody@test.example', password: 'wrong-password-here' })
        .expect(401);
    });

    it('refuses a malformed body with 400', async () => {
      const { body } = await testApp.http.post('/api/auth/login').send({ email: 'not-an-email' }).expect(400);
      expect(body.errors.map((error: { field: string }) => error.field)).toEqual(
        expect.arrayContaining(['email', 'password']),
      );
    });

    it('never refuses the right password after repeated failures (no lock-out)', async () => {
      const email = 'governor@b.test';
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await testApp.http.post('/api/auth/login').send({ email, password: 'wrong-password-here' }).expect(401);
      }
      await testApp.http.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
    }, 60_000);
  });

  describe('POST /api/users', () => {
    it('lets an admin create a user of any role and never returns the password', async () => {
      const { body } = await testApp.http
        .post('/api/users')
        .set(bearer(world.adminToken))
        .send({ email: 'second-admin@test.example', password: 'another-long-password', role: 'admin' })
        .expect(201);
      expect(body).toEqual({
        id: expect.any(Number),
        email: 'second-admin@test.example',
        role: 'admin',
        schoolId: null,
        staffId: null,
        disabled: false,
        lastSignInAt: null,
      });
      await login(testApp, 'second-admin@test.example', 'another-long-password');
    });

    it('lets a DSP add a governor for their own school, defaulting the school', async () => {
      const { body } = await testApp.http
        .post('/api/users')
        .set(bearer(world.a.dspToken))
        .send({ email: 'new-governor@a.test', password: 'governor-long-password', role: 'governor' })
        .expect(201);
      expect(body.schoolId).toBe(world.a.id);
    });

    it('refuses a DSP creating an admin or a user for another school (403), changing nothing', async () => {
      const before = await tableCounts(testApp.dataSource);
      await testApp.http
        .post('/api/users')
        .set(bearer(world.a.dspToken))
        .send({ email: 'x1@a.test', password: PASSWORD, role: 'admin' })
        .expect(403);
      await testApp.http
        .post('/api/users')
        .set(bearer(world.a.dspToken))
        .send({ email: 'x2@a.test', password: PASSWORD, role: 'governor', schoolId: world.b.id })
        .expect(403);
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('refuses governors and staff (403)', async () => {
      await testApp.http
        .post('/api/users')
        .set(bearer(world.a.governorToken))
        .send({ email: 'x3@a.test', password: PASSWORD, role: 'governor' })
        .expect(403);
      await testApp.http
        .post('/api/users')
        .set(bearer(world.a.staffToken))
        .send({ email: 'x4@a.test', password: PASSWORD, role: 'staff' })
        .expect(403);
    });

    it(
      'refuses short, blank, over-long (bcrypt reads 72 bytes) and common passwords with 400 ' + 'naming password',
      async () => {
        const passwords = [
          'short',
          'Password1234',
          ' '.repeat(16),
          'ŵ'.repeat(37),
          'x'.repeat(73),
          '1qaz2wsx3edc',
          'dragon123456',
        ];
        for (const password of passwords) {
          const { body } = await testApp.http
            .post('/api/users')
            .set(bearer(world.adminToken))
            .send({ email: 'x5@test.example', password, role: 'admin' })
            .expect(400);
          expect(body.errors[0].field).toBe('password');
        }
      },
    );

    it('requires a school for school roles and a staff record for staff users', async () => {
      const missingSchool = await testApp.http
        .post('/api/users')
        .set(bearer(world.adminToken))
        .send({ email: 'x6@test.example', password: PASSWORD, role: 'dsp' })
        .expect(400);
      expect(missingSchool.body.errors[0].field).toBe('schoolId');
      const missingStaff = await testApp.http
        .post('/api/users')
        .set(bearer(world.adminToken))
        .send({ email: 'x7@test.example', password: PASSWORD, role: 'staff', schoolId: world.a.id })
        .expect(400);
      expect(missingStaff.body.errors[0].field).toBe('staffId');
      const otherSchoolsStaff = await testApp.http
        .post('/api/users')
        .set(bearer(world.adminToken))
        .send({
          email: 'x8@test.example',
          password: PASSWORD,
          role: 'staff',
          schoolId: world.a.id,
          staffId: world.b.staffIds[1],
        })
        .expect(400);
      expect(otherSchoolsStaff.body.errors[0].field).toBe('staffId');
      const unknownSchool = await testApp.http
        .post('/api/users')
        .set(bearer(world.adminToken))
        .send({ email: 'x9@test.example', password: PASSWORD, role: 'governor', schoolId: 9999 })
        .expect(400);
      expect(unknownSchool.body.message[0]).toContain('schoolId');
    });

    it('answers 409 for an email already used, in any case', async () => {
      await testApp.http
        .post('/api/users')
        .set(bearer(world.adminToken))
        .send({ email: 'DSP@A.TEST', password: PASSWORD, role: 'dsp', schoolId: world.a.id })
        .expect(409);
    });
  });
});
