import { SIGN_IN_DELAY } from '../src/auth/login-attempts.service';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReminderSchool } from './factories/reminder-school';
import { buildStaff, PASSWORD } from './factories/world';
import { ADMIN, createTestApp, login, TestApp } from './utils/create-test-app';
import { SmtpCapture } from './utils/smtp-capture';
import { bearer } from './utils/use-world';

describe('operating it', () => {
  describe('health', () => {
    it('reports the database and the last reminder run, and answers 503 when the database is gone', async () => {
      const testApp = await createTestApp({ today: '2026-11-27' });
      const school = await buildReminderSchool(testApp);
      await testApp.http.post('/api/reminders/run').set(bearer(school.adminToken)).expect(200);
      const { body } = await testApp.http.get('/api/health').expect(200);
      expect(body).toEqual({
        status: 'ok',
        database: 'up',
        lastReminderRun: {
          startedAt: expect.any(String),
          finishedAt: expect.any(String),
          sent: 6,
          skipped: 0,
          failed: 0,
        },
      });
      await testApp.dataSource.destroy();
      await testApp.http.get('/api/health').expect(503, { status: 'error', database: 'down', lastReminderRun: null });
      await testApp.app.close();
    });
  });

  describe('security', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createTestApp();
    });
    afterAll(() => testApp.close());

    it('revokes a token on logout', async () => {
      const token = await login(testApp, ADMIN.email, ADMIN.password);
      await testApp.http.get('/api/schools').set(bearer(token)).expect(200);
      await testApp.http.post('/api/auth/logout').set(bearer(token)).expect(204);
      await testApp.http.get('/api/schools').set(bearer(token)).expect(401);
      const another = await login(testApp, ADMIN.email, ADMIN.password);
      await testApp.http.get('/api/schools').set(bearer(another)).expect(200);
    });

    it('revokes on logout every way of writing the header that signs a request in', async () => {
      for (const write of [
        (t: string) => `bearer ${t}`,
        (t: string) => `Bearer  ${t}`,
        (t: string) => `BEARER ${t} `,
      ]) {
        const token = await login(testApp, ADMIN.email, ADMIN.password);
        await testApp.http.get('/api/schools').set('Authorization', write(token)).expect(200);
        await testApp.http.post('/api/auth/logout').set('Authorization', write(token)).expect(204);
        await testApp.http.get('/api/schools').set(bearer(token)).expect(401);
      }
    });

    it('never refuses the right password after many failures from one address (slowed, not locked out)', async () => {
      const delays: number[] = [];
      const other = await createTestApp({
        overrides: [{ provide: SIGN_IN_DELAY, useValue: (ms: number) => void delays.push(ms) }],
      });
      for (let attempt = 0; attempt < 30; attempt += 1) {
        await other.http
          .post('/api/auth/login')
          .send({ email: `guess${attempt}@nowhere.test`, password: 'wrong-password-here' })
          .expect(401);
      }
      expect(delays.length).toBeGreaterThan(20);
      await other.http.post('/api/auth/login').send({ email: ADMIN.email, password: ADMIN.password }).expect(200);
      await other.close();
    });

    it('lets tokens expire after TOKEN_TTL', async () => {
      const shortLived = await createTestApp({ env: { TOKEN_TTL: '1s' } });
      const token = await login(shortLived, ADMIN.email, ADMIN.password);
      await shortLived.http.get('/api/schools').set(bearer(token)).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await shortLived.http.get('/api/schools').set(bearer(token)).expect(401);
      await shortLived.close();
    });

    it('refuses a 10 MB import with 413 and a clear message, with security headers', async () => {
      const token = await login(testApp, ADMIN.email, ADMIN.password);
      const response = await testApp.http
        .post('/api/completions/import')
        .set(bearer(token))
        .set('Content-Type', 'text/csv')
        .send('email,course,completed_on,evidence\n' + 'x'.repeat(10 * 1024 * 1024))
        .expect(413);
      expect(response.body.message).toMatch(/larger than the 5 MB limit/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('concurrency on one SQLite file', () => {
    it('runs 50 completion writes and 50 reads in parallel, all succeeding, with exact figures after', async () => {
      const testApp = await createTestApp({ today: '2026-11-27' });
      const admin = await login(testApp, ADMIN.email, ADMIN.password);
      const { body: school } = await testApp.http
        .post('/api/schools')
        .set(bearer(admin))
        .send({ name: 'Busy school' })
        .expect(201);
      const { body: course } = await testApp.http
        .post('/api/courses')
        .set(bearer(admin))
        .send({
          title: 'Keeping safe online',
          topics: ['online-safety'],
          validityMonths: 12,
          contentReviewedOn: '2026-06-01',
        })
        .expect(201);
      const staffIds: number[] = [];
      for (let index = 0; index < 50; index += 1) {
        staffIds.push(
          (
            await testApp.http
              .post('/api/staff')
              .set(bearer(admin))
              .send(buildStaff(school.id, { startDate: '2020-01-01' }))
              .expect(201)
          ).body.id,
        );
      }
      const writes = staffIds.map((staffId) =>
        testApp.http
          .post('/api/completions')
          .set(bearer(admin))
          .send({ staffId, courseId: course.id, completedOn: '2026-11-01' }),
      );
      const reads = staffIds.map((_id, index) =>
        testApp.http.get(index % 2 ? `/api/schools/${school.id}/compliance` : '/api/staff').set(bearer(admin)),
      );
      const responses = await Promise.all([...writes, ...reads]);
      expect(responses.map((response) => response.status)).toEqual([
        ...staffIds.map(() => 201),
        ...staffIds.map(() => 200),
      ]);
      const { body } = await testApp.http.get(`/api/schools/${school.id}/compliance`).set(bearer(admin)).expect(200);
      expect(body).toMatchObject({ activeStaff: 50, counts: { current: 50, never: 0 }, percentCurrent: 100 });
      const [{ n }] = await testApp.dataSource.query('SELECT COUNT(*) AS n FROM completion');
      expect(Number(n)).toBe(50);
      await testApp.close();
    });
  });

  describe('logs', () => {
    it('write one JSON line per request with id, method, path, status and duration, and no personal data', async () => {
      const logFile = join(mkdtempSync(join(tmpdir(), 'logs-')), 'app.log');
      const smtp = await new SmtpCapture().start();
      smtp.behaviour = 'refuse';
      const testApp = await createTestApp({
        today: '2026-11-27',
        env: { LOG_LEVEL: 'info', LOG_FILE: logFile, SMTP_URL: smtp.url },
      });
      const school = await buildReminderSchool(testApp, 'Ysgol Cofnodion');
      const admin = school.adminToken;
      await testApp.http
        .post('/api/staff')
        .set(bearer(admin))
        .send(buildStaff(school.schoolId, { name: 'Angharad Loggable', email: 'angharad.loggable@logs.test' }))
        .expect(201);
      await testApp.http
        .post('/api/auth/login')
        .send({ email: 'angharad.loggable@logs.test', password: 'not-her-password-at-all' })
        .expect(401);
      await testApp.http
        .post('/api/users')
        .set(bearer(admin))
        .send({ email: 'secret.user@logs.test', password: PASSWORD, role: 'governor', schoolId: school.schoolId })
        .expect(201);
      const csv =
        `email,course,completed_on,evidence\nangharad.loggable@logs.test,Keeping safe online ` +
        `(ysgolcofnodion),2026-11-20,CERT-SECRET-77\n`;
      await testApp.http
        .post('/api/completions/import')
        .set(bearer(admin))
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(201);
      await testApp.http.get(`/api/staff?schoolId=${school.schoolId}`).set(bearer(admin)).expect(200);
      await testApp.http.post('/api/reminders/run').set(bearer(admin)).expect(200);
      await testApp.close();
      await smtp.stop();

      const log = readFileSync(logFile, 'utf8');
      const lines = log
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const requests = lines.filter((line) => line.req);
      expect(requests.length).toBeGreaterThan(20);
      expect(requests[0]).toEqual(
        expect.objectContaining({
          req: { id: expect.any(String), method: expect.any(String), path: expect.any(String) },
          res: { status: expect.any(Number) },
          durationMs: expect.any(Number),
        }),
      );
      // One email covers every requirement due, so one failure names each reminder it carried.
      expect(lines.some((line) => /Reminder \d+(, \d+)* failed/.test(line.msg ?? ''))).toBe(true);
      for (const secret of [
        'Angharad',
        'Loggable',
        'angharad.loggable@logs.test',
        '@logs.test',
        '@ysgolcofnodion.test',
        'Member due30',
        PASSWORD,
        'not-her-password-at-all',
        'CERT-SECRET-77',
        admin,
        ADMIN.email,
      ]) {
        expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
      }
    });
  });
});
