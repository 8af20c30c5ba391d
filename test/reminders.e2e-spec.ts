import { RemindersService } from '../src/reminders/reminders.service';
import { buildReminderSchool, ReminderSchool } from './factories/reminder-school';
import { createTestApp, TestApp } from './utils/create-test-app';
import { SmtpCapture } from './utils/smtp-capture';
import { bearer } from './utils/use-world';

const APP_URL = 'https://training.example';

describe(RemindersService.name, () => {
  let smtp: SmtpCapture;
  let testApp: TestApp;
  let school: ReminderSchool;
  const run = (token = school.adminToken, app = testApp) =>
    app.http
      .post('/api/reminders/run')
      .set(bearer(token))
      .expect(200)
      .then((response) => response.body);

  beforeAll(async () => {
    smtp = await new SmtpCapture().start();
    testApp = await createTestApp({
      today: '2026-11-27',
      env: { SMTP_URL: smtp.url, APP_URL, SMTP_TIMEOUT_MS: '10000' },
    });
    school = await buildReminderSchool(testApp);
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  describe('the first run of the day', () => {
    let result: { sent: number; skipped: number; failed: number };
    beforeAll(async () => {
      result = await run();
    });

    it('emails exactly the people due a reminder today, once each', () => {
      expect(result).toEqual({
        sent: 6,
        skipped: 0,
        failed: 0,
        selectionMs: expect.any(Number),
        deliveryMs: expect.any(Number),
      });
      const recipients = smtp.messages
        .map((message) => message.parsed.to)
        .map((to) => (Array.isArray(to) ? to[0] : to)?.value[0].address);
      expect(recipients.sort()).toEqual(
        ['due30', 'due7', 'today', 'overdue7', 'overdue28', 'starter'].map(school.email).sort(),
      );
    });

    it('sends nobody else: not the leaver, the fine, the DSP or the coordinator', () => {
      for (const key of ['leaver', 'fine', 'dsp', 'coordinator']) {
        expect(
          smtp.messages.filter(
            (message) => message.parsed.to && JSON.stringify(message.parsed.to).includes(school.email(key)),
          ),
        ).toEqual([]);
      }
    });

    it('says when the training expires, with a text and an HTML part and a link to the record', () => {
      const [message] = smtp.to(school.email('due30'));
      expect(message.parsed.subject).toBe('Your online safety training expires on 27 December 2026');
      expect(message.parsed.text).toContain('in 30 days');
      expect(message.parsed.text).toContain(`${APP_URL}/staff/${school.ids.due30}`);
      expect(message.parsed.html).toContain(`href="${APP_URL}/staff/${school.ids.due30}"`);
      expect(message.parsed.cc).toBeUndefined();
    });

    it('writes to Welsh speakers in Welsh', () => {
      const [message] = smtp.to(school.email('due7'));
      expect(message.parsed.subject).toBe('Mae eich hyfforddiant diogelwch ar-lein yn dod i ben ar 4 Rhagfyr 2026');
      expect(message.parsed.text).toContain('Annwyl Member due7');
      expect(message.parsed.text).toContain('ymhen 7 diwrnod');
      expect(message.parsed.headers.get('content-language')).toBe('cy');
    });

    it('marks the day of expiry', () => {
      expect(smtp.to(school.email('today'))[0].parsed.subject).toBe('Your online safety training expires today');
    });

    it('copies the DSP on overdue reminders, and the coordinator from 28 days overdue', () => {
      const week = smtp.to(school.email('overdue7'))[0];
      expect(week.envelopeTo.sort()).toEqual([school.email('overdue7'), school.email('dsp')].sort());
      expect(week.parsed.subject).toBe('Your online safety training expired on 20 November 2026');
      expect(week.parsed.text).toContain('has been sent a copy');
      const month = smtp.to(school.email('overdue28'))[0];
      expect(month.envelopeTo.sort()).toEqual(
        [school.email('overdue28'), school.email('dsp'), school.email('coordinator')].sort(),
      );
    });

    it('reminds a new starter of induction training', () => {
      const [message] = smtp.to(school.email('starter'));
      expect(message.parsed.subject).toBe('Please complete your induction online safety training by 27 December 2026');
    });

    it('names only courses still offered as the way to renew', () => {
      expect(smtp.messages).toHaveLength(6);
      for (const message of smtp.messages) {
        expect(message.parsed.text).toContain('Keeping safe online (ysgolymr)');
        expect(message.parsed.text).not.toContain('Old e-safety');
      }
    });

    it('logs each requirement’s reminder for the DSP and the member, all sent in one email', async () => {
      const { body } = await testApp.http
        .get(`/api/reminders?staffId=${school.ids.overdue7}`)
        .set(bearer(school.dspToken))
        .expect(200);
      const row = (training: string) =>
        expect.objectContaining({
          training,
          dueOn: '2026-11-20',
          offsetDays: -7,
          status: 'sent',
          attempts: 1,
          messageId: body[0].messageId,
          recipients: { to: school.email('overdue7'), cc: [school.email('dsp')] },
        });
      expect(body).toEqual(expect.arrayContaining(['online-safety', 'osh-response', 'safeguarding'].map(row)));
      expect(body).toHaveLength(3);
      // Three requirements each for five members, and three for the starter.
      const all = await testApp.http.get('/api/reminders').set(bearer(school.dspToken)).expect(200);
      expect(all.body).toHaveLength(18);
    });

    it('lists everything due in the one email', () => {
      const [message] = smtp.to(school.email('starter'));
      expect(message.parsed.text).toContain('Please complete it by 27 December 2026.');
      expect(message.parsed.text).toContain('Also due:');
      expect(message.parsed.text).toContain(
        'Please complete your training in responding to online sexual harassment by 27 December 2026',
      );
      expect(message.parsed.text).toContain('Your record shows no safeguarding training');
    });
  });

  it('sends nothing twice when run again the same day', async () => {
    const before = smtp.messages.length;
    await expect(run()).resolves.toMatchObject({ sent: 0, skipped: 6, failed: 0 });
    expect(smtp.messages.length).toBe(before);
  });

  it('lets a DSP run their own school; refuses governors and staff', async () => {
    await expect(run(school.dspToken)).resolves.toMatchObject({ sent: 0, skipped: 6, failed: 0 });
    const other = await buildReminderSchool(testApp, 'Ysgol Arall');
    await testApp.http.post('/api/reminders/run').set(bearer(other.dspToken)).expect(200);
    expect(smtp.to(other.email('due30'))).toHaveLength(1);
    expect(smtp.to(school.email('due30'))).toHaveLength(1);
    await testApp.http
      .post('/api/users')
      .set(bearer(school.adminToken))
      .send({
        email: 'gov@reminders.test',
        password: 'a-long-test-password',
        role: 'governor',
        schoolId: school.schoolId,
      })
      .expect(201);
    const governor = (
      await testApp.http.post('/api/auth/login').send({ email: 'gov@reminders.test', password: 'a-long-test-password' })
    ).body.token;
    await testApp.http.post('/api/reminders/run').set(bearer(governor)).expect(403);
    await testApp.http.get(`/api/reminders?staffId=${school.ids.due30}`).set(bearer(governor)).expect(403);
  });
});

describe('reminders for never-trained staff and the school’s own requirements', () => {
  let smtp: SmtpCapture;
  let testApp: TestApp;

  beforeAll(async () => {
    smtp = await new SmtpCapture().start();
    testApp = await createTestApp({ today: '2026-11-27', env: { SMTP_URL: smtp.url, APP_URL } });
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  it(
    'emails a member never trained past the induction window, once per reminder point, in ' + 'Welsh when theirs',
    async () => {
      const school = await buildReminderSchool(testApp, 'Ysgol Newydd');
      const never = await testApp.http
        .post('/api/staff')
        .set(bearer(school.adminToken))
        .send({
          schoolId: school.schoolId,
          name: 'Gwen Never',
          email: 'never@newydd.test',
          startDate: '2019-01-01',
          language: 'cy',
        })
        .expect(201);
      await testApp.http
        .post(`/api/schools/${school.schoolId}/requirements`)
        .set(bearer(school.dspToken))
        .send({
          code: 'prevent-duty',
          titleEn: 'Prevent duty',
          titleCy: 'Dyletswydd Prevent',
          audience: 'all-staff',
          topics: ['safeguarding'],
          refreshMonths: null,
          induction: false,
        })
        .expect(201);
      await testApp.http.post('/api/reminders/run').set(bearer(school.dspToken)).expect(200);
      const [message] = smtp.to('never@newydd.test');
      expect(smtp.to('never@newydd.test')).toHaveLength(1);
      expect(message.parsed.subject).toBe('Cwblhewch eich hyfforddiant diogelwch ar-lein');
      expect(message.parsed.text).toContain('Nid yw eich cofnod yn dangos unrhyw hyfforddiant diogelu');
      expect(message.parsed.text).toContain('hyfforddiant “Dyletswydd Prevent”');
      const { body } = await testApp.http
        .get(`/api/reminders?staffId=${never.body.id}`)
        .set(bearer(school.dspToken))
        .expect(200);
      expect(body.map((row: { training: string }) => row.training).sort()).toEqual(
        ['online-safety', 'osh-response', 'prevent-duty', 'safeguarding'].sort(),
      );
      const again = await testApp.http.post('/api/reminders/run').set(bearer(school.dspToken)).expect(200);
      expect(again.body).toMatchObject({ sent: 0 });
      expect(smtp.to('never@newydd.test')).toHaveLength(1);
    },
  );
});
