import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReminderSchool, ReminderSchool } from './factories/reminder-school';
import { createTestApp, dropDatabase, freshDatabaseUrl, TestApp } from './utils/create-test-app';
import { SmtpCapture } from './utils/smtp-capture';
import { bearer } from './utils/use-world';

const runReminders = (app: TestApp, token: string) =>
  app.http
    .post('/api/reminders/run')
    .set(bearer(token))
    .expect(200)
    .then((response) => response.body);

describe('reminder delivery', () => {
  let smtp: SmtpCapture;

  beforeAll(async () => {
    smtp = await new SmtpCapture().start();
  });
  afterEach(() => {
    smtp.behaviour = 'accept';
    smtp.clear();
  });
  afterAll(() => smtp.stop());

  describe('when the SMTP server refuses', () => {
    let testApp: TestApp;
    let school: ReminderSchool;
    beforeAll(async () => {
      testApp = await createTestApp({
        today: '2026-11-27',
        env: { SMTP_URL: smtp.url, SMTP_TIMEOUT_MS: '10000', REMINDER_MAX_ATTEMPTS: '2' },
      });
      school = await buildReminderSchool(testApp);
    });
    afterAll(() => testApp.close());

    it('records each failure with the reason, carries on, and retries on the next run', async () => {
      smtp.behaviour = 'refuse';
      await expect(runReminders(testApp, school.adminToken)).resolves.toMatchObject({ sent: 0, skipped: 0, failed: 6 });
      const { body } = await testApp.http
        .get(`/api/reminders?staffId=${school.ids.due30}`)
        .set(bearer(school.dspToken))
        .expect(200);
      expect(body[0]).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: expect.stringContaining('Mailbox unavailable'),
      });
      smtp.behaviour = 'accept';
      await expect(runReminders(testApp, school.adminToken)).resolves.toMatchObject({ sent: 6, skipped: 0, failed: 0 });
      expect(smtp.messages).toHaveLength(6);
      const after = await testApp.http
        .get(`/api/reminders?staffId=${school.ids.due30}`)
        .set(bearer(school.dspToken))
        .expect(200);
      expect(after.body[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    });

    it('gives up after the attempt limit', async () => {
      const other = await buildReminderSchool(testApp, 'Ysgol Dau');
      smtp.behaviour = 'refuse';
      await expect(runReminders(testApp, other.dspToken)).resolves.toMatchObject({ failed: 6 });
      await expect(runReminders(testApp, other.dspToken)).resolves.toMatchObject({ failed: 6 });
      smtp.behaviour = 'accept';
      await expect(runReminders(testApp, other.dspToken)).resolves.toMatchObject({ sent: 0, skipped: 6, failed: 0 });
      expect(smtp.messages).toHaveLength(0);
    });
  });

  describe('when the SMTP server hangs', () => {
    let testApp: TestApp;
    let school: ReminderSchool;
    beforeAll(async () => {
      testApp = await createTestApp({ today: '2026-11-27', env: { SMTP_URL: smtp.url, SMTP_TIMEOUT_MS: '300' } });
      school = await buildReminderSchool(testApp);
    });
    afterAll(() => testApp.close());

    it('times out, records the failure and finishes the run', async () => {
      smtp.behaviour = 'hang';
      await expect(runReminders(testApp, school.adminToken)).resolves.toMatchObject({ sent: 0, skipped: 0, failed: 6 });
      const { body } = await testApp.http
        .get(`/api/reminders?staffId=${school.ids.today}`)
        .set(bearer(school.dspToken))
        .expect(200);
      expect(body[0].lastError).toMatch(/time/i);
      smtp.behaviour = 'accept';
      await expect(runReminders(testApp, school.adminToken)).resolves.toMatchObject({ sent: 6, skipped: 0, failed: 0 });
    });
  });

  describe('on one database', () => {
    it('two server instances running at once send each email once', async () => {
      const first = await createTestApp({ today: '2026-11-27', env: { SMTP_URL: smtp.url } });
      const school = await buildReminderSchool(first);
      const second = await createTestApp({
        today: '2026-11-27',
        env: { SMTP_URL: smtp.url, DATABASE_URL: first.databaseUrl },
      });
      const summaries = await Promise.all(
        [first, second].map((app) =>
          app.http
            .get(`/api/schools/${school.schoolId}/compliance`)
            .set(bearer(school.adminToken))
            .expect(200)
            .then((response) => response.body),
        ),
      );
      expect(summaries[1]).toEqual(summaries[0]);
      const results = await Promise.all([
        runReminders(first, school.adminToken),
        runReminders(second, school.adminToken),
      ]);
      expect(Number(results[0].sent) + Number(results[1].sent)).toBe(6);
      expect(Number(results[0].skipped) + Number(results[1].skipped)).toBe(6);
      expect(smtp.messages).toHaveLength(6);
      await second.close();
      await first.close();
    });

    it(
      'a run missed for days catches up with one email per person; recorded training and ' + 'leaving stop reminders',
      async () => {
        const databaseUrl = await freshDatabaseUrl();
        const first = await createTestApp({
          today: '2026-11-27',
          env: { SMTP_URL: smtp.url, DATABASE_URL: databaseUrl },
        });
        const school = await buildReminderSchool(first);
        await runReminders(first, school.adminToken);
        await first.http
          .post('/api/completions')
          .set(bearer(school.dspToken))
          .send({ staffId: school.ids.overdue7, courseId: school.courseId, completedOn: '2026-11-27' })
          .expect(201);
        await first.http.delete(`/api/staff/${school.ids.overdue28}`).set(bearer(school.dspToken)).expect(200);
        await first.close();
        smtp.clear();

        // Nobody ran the job for 23 days.
        const later = await createTestApp({
          today: '2026-12-20',
          env: { SMTP_URL: smtp.url, DATABASE_URL: databaseUrl },
        });
        await runReminders(later, school.adminToken);
        const perPerson = new Map<string, number>();
        for (const message of smtp.messages)
          perPerson.set(message.envelopeTo[0], (perPerson.get(message.envelopeTo[0]) ?? 0) + 1);
        // On 2026-12-20: the 7-day point, two overdue points and the starter's induction; the member trained
        // since and the leaver get nothing, and nobody gets the points they missed one by one.
        expect(Object.fromEntries(perPerson)).toEqual(
          Object.fromEntries(['due30', 'due7', 'today', 'starter'].map((key) => [school.email(key), 1])),
        );
        expect(smtp.to(school.email('due30'))[0].parsed.subject).toBe(
          'Your online safety training expires on 27 December 2026',
        );
        expect(smtp.to(school.email('due30'))[0].parsed.text).toContain('in 7 days');
        expect(smtp.to(school.email('overdue7'))).toEqual([]);
        expect(smtp.to(school.email('overdue28'))).toEqual([]);
        await later.close();
        await dropDatabase(databaseUrl);
      },
    );
  });

  it('writes .eml files under data/outbox/ when SMTP_URL is not set', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'outbox-'));
    const previous = process.cwd();
    process.chdir(folder);
    try {
      const testApp = await createTestApp({ today: '2026-11-27', env: { SMTP_URL: '' } });
      const school = await buildReminderSchool(testApp);
      await expect(runReminders(testApp, school.adminToken)).resolves.toMatchObject({ sent: 6 });
      const files = readdirSync(join(folder, 'data', 'outbox'));
      expect(files).toHaveLength(6);
      expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
      const all = files.map((file) => readFileSync(join(folder, 'data', 'outbox', file), 'utf8')).join('\n');
      expect(all).toContain(school.email('starter'));
      await testApp.close();
    } finally {
      process.chdir(previous);
    }
  });
});
