import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildReminderSchool } from './factories/reminder-school';
import { buildCourse, buildStaff } from './factories/world';
import { ADMIN, createTestApp, login, TestApp } from './utils/create-test-app';
import { ServerProcess, signIn, startServerProcess } from './utils/server-process';
import { SmtpCapture } from './utils/smtp-capture';
import { bearer } from './utils/use-world';

// Each test starts the real server twice and builds its data first: slower than the suite's default timeout.
jest.setTimeout(180_000);

const TODAY = '2026-11-27';
const REMINDERS_DUE = 6; // buildReminderSchool: 30 days, 7 days, today, 7 and 28 days overdue, a starter

const until = async (condition: () => boolean, timeoutMs = 30_000) => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Counts rows in the database file (also the one a killed server left behind). */
async function count(databaseUrl: string, table: string): Promise<number> {
  const dataSource = await new DataSource({
    type: 'better-sqlite3',
    database: databaseUrl.slice('sqlite:'.length),
  }).initialize();
  const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  await dataSource.destroy();
  return Number(n);
}

interface SessionSchool {
  courseId: number;
  courseTitle: string;
  staff: { id: number; email: string }[];
}

/** A school of 40 long-serving staff and one course, built through the API. */
async function buildSessionSchool(testApp: TestApp): Promise<SessionSchool> {
  const admin = await login(testApp, ADMIN.email, ADMIN.password);
  const post = async (path: string, body: object) =>
    (await testApp.http.post(path).set(bearer(admin)).send(body).expect(201)).body;
  const school = await post('/api/schools', { name: 'Ysgol y Storm' });
  const courseTitle = 'Safeguarding and child protection (crash)';
  const course = await post('/api/courses', buildCourse({ title: courseTitle, schoolId: school.id }));
  const staff: SessionSchool['staff'] = [];
  for (let index = 0; index < 40; index += 1) {
    const member = await post('/api/staff', buildStaff(school.id, { startDate: '2020-01-01' }));
    staff.push({ id: member.id, email: member.email });
  }
  return { courseId: course.id, courseTitle, staff };
}

describe('stopping and crashing the real server process', () => {
  // Signals and kill -9 against a SQLite file; the PostgreSQL run covers the same code paths in-process.
  const sqliteOnly = process.env.TEST_DATABASE_URL ? describe.skip : describe;
  let smtp: SmtpCapture;
  let databaseUrl: string;
  let pauseDir: string;
  let server: ServerProcess | undefined;
  const env = () => ({
    DATABASE_URL: databaseUrl,
    TODAY,
    SEED_DEMO: '0',
    SMTP_URL: smtp.url,
    CRASH_TEST_PAUSE_DIR: pauseDir,
  });
  /** The data is built in-process on the file the server process then opens. */
  const prepare = async <T>(build: (testApp: TestApp) => Promise<T>): Promise<T> => {
    const testApp = await createTestApp({ today: TODAY, env: { DATABASE_URL: databaseUrl } });
    const built = await build(testApp);
    await testApp.close();
    return built;
  };
  /** Arms the server's test-only pause: the next write transaction stops, uncommitted, before its commit. */
  const armPause = () => writeFileSync(join(pauseDir, 'armed'), '');
  const pausedInsideTransaction = () => until(() => existsSync(join(pauseDir, 'paused')));
  const killServer = async () => {
    server!.child.kill('SIGKILL');
    await server!.exited;
  };

  beforeEach(async () => {
    smtp = await new SmtpCapture().start();
    const folder = mkdtempSync(join(tmpdir(), 'crash-'));
    databaseUrl = `sqlite:${join(folder, 'tracker.sqlite')}`;
    pauseDir = join(folder, 'pause');
    mkdirSync(pauseDir);
  });
  afterEach(async () => {
    server?.child.kill('SIGKILL');
    await smtp.stop();
  });

  sqliteOnly('SIGTERM', () => {
    it('finishes the request in flight, refuses new ones and exits 0', async () => {
      await prepare((testApp) => buildReminderSchool(testApp));
      server = await startServerProcess(env());
      const admin = await signIn(server, ADMIN.email, ADMIN.password);
      smtp.behaviour = 'slow';
      const run = fetch(`${server.url}/api/reminders/run`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin}` },
      });
      await until(() => smtp.messages.length >= 1);
      server.child.kill('SIGTERM');
      const response = await run;
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toMatchObject({ sent: REMINDERS_DUE, skipped: 0, failed: 0 });
      expect(smtp.messages).toHaveLength(REMINDERS_DUE);
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
      await expect(server.exited).resolves.toBe(0);
    });
  });

  sqliteOnly('kill -9', () => {
    it('in the middle of a CSV import leaves none of its rows; the same import then saves all of them', async () => {
      const { staff, courseTitle } = await prepare(buildSessionSchool);
      const lines = staff.slice(0, 10).flatMap((member) =>
        Array.from({ length: 100 }, (_unused, day) => {
          const completedOn = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
          return `${member.email},${courseTitle},${completedOn},`;
        }),
      );
      const csv = ['email,course,completed_on,evidence', ...lines].join('\n');
      server = await startServerProcess(env());
      const admin = await signIn(server, ADMIN.email, ADMIN.password);
      const post = (query: string) =>
        fetch(`${server!.url}/api/completions/import${query}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'text/csv' },
          body: csv,
        });
      // A dry run writes nothing, so it passes the armed pause by.
      armPause();
      expect((await post('?dryRun=true')).status).toBe(200);
      expect(existsSync(join(pauseDir, 'armed'))).toBe(true);
      const before = {
        completions: await count(databaseUrl, 'completion'),
        log: await count(databaseUrl, 'change_log'),
      };

      const request = post('').then(
        (response) => response.status,
        () => 'killed',
      );
      await pausedInsideTransaction();
      await killServer();
      await expect(request).resolves.toBe('killed');
      await expect(count(databaseUrl, 'completion')).resolves.toBe(before.completions);
      await expect(count(databaseUrl, 'change_log')).resolves.toBe(before.log);

      server = await startServerProcess(env());
      const again = await signIn(server, ADMIN.email, ADMIN.password);
      const retried = await fetch(`${server.url}/api/completions/import`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${again}`, 'Content-Type': 'text/csv' },
        body: csv,
      });
      expect(retried.status).toBe(201);
      await expect(count(databaseUrl, 'completion')).resolves.toBe(before.completions + lines.length);
      await expect(count(databaseUrl, 'change_log')).resolves.toBe(before.log + lines.length);
    });

    it(
      'in the middle of a training session leaves none of its rows; the same session then ' + 'saves all of them',
      async () => {
        const { staff, courseId } = await prepare(buildSessionSchool);
        const session = JSON.stringify({ courseId, completedOn: TODAY, staffIds: staff.map((member) => member.id) });
        server = await startServerProcess(env());
        const admin = await signIn(server, ADMIN.email, ADMIN.password);
        const post = () =>
          fetch(`${server!.url}/api/completions/bulk`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
            body: session,
          });
        const before = await count(databaseUrl, 'completion');

        armPause();
        const request = post().then(
          (response) => response.status,
          () => 'killed',
        );
        await pausedInsideTransaction();
        await killServer();
        await expect(request).resolves.toBe('killed');
        await expect(count(databaseUrl, 'completion')).resolves.toBe(before);

        server = await startServerProcess(env());
        const again = await signIn(server, ADMIN.email, ADMIN.password);
        const retried = await fetch(`${server.url}/api/completions/bulk`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${again}`, 'Content-Type': 'application/json' },
          body: session,
        });
        expect(retried.status).toBe(201);
        await expect(count(databaseUrl, 'completion')).resolves.toBe(before + staff.length);
      },
    );

    it('in the middle of a reminder run: after a restart, no email is sent twice and at most one is lost', async () => {
      const school = await prepare((testApp) => buildReminderSchool(testApp));
      server = await startServerProcess(env());
      const admin = await signIn(server, ADMIN.email, ADMIN.password);
      smtp.behaviour = 'slow';
      void fetch(`${server.url}/api/reminders/run`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin}` },
      }).catch(() => 'killed');
      await until(() => smtp.messages.length >= 2);
      await killServer();
      // A message the mail server was still receiving at the moment of the kill is either kept or dropped.
      await until(() => smtp.receiving === 0);
      const beforeRestart = smtp.messages.length;
      expect(beforeRestart).toBeLessThan(REMINDERS_DUE);

      smtp.behaviour = 'accept';
      server = await startServerProcess(env());
      const again = await signIn(server, ADMIN.email, ADMIN.password);
      const response = await fetch(`${server.url}/api/reminders/run`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${again}` },
      });
      const result = (await response.json()) as { sent: number; skipped: number; failed: number };
      expect(result.failed).toBe(0);
      expect(result.sent + result.skipped).toBe(REMINDERS_DUE);
      expect(smtp.messages.length).toBe(beforeRestart + result.sent);
      const recipients = smtp.messages.map((message) => message.envelopeTo[0]);
      expect(new Set(recipients).size).toBe(recipients.length);
      // Each reminder is recorded before it is sent: the one being sent at the kill may be held back, no more.
      expect(result.skipped - beforeRestart).toBeGreaterThanOrEqual(0);
      expect(result.skipped - beforeRestart).toBeLessThanOrEqual(1);
      const due = ['due30', 'due7', 'today', 'overdue7', 'overdue28', 'starter'].map(school.email);
      expect(recipients.every((address) => due.includes(address))).toBe(true);
      expect(recipients.length).toBeGreaterThanOrEqual(REMINDERS_DUE - 1);
    });
  });
});
