import { Course } from '../src/courses/course.entity';
import { MailService } from '../src/mail/mail.service';
import { reminderContext } from '../src/reminders/reminder-email';
import { DueReminder, ReminderEmail } from '../src/reminders/reminder-plan';
import { DEFAULT_REQUIREMENTS } from '../src/compliance/default-requirements';
import { ReminderTraining } from '../src/reminders/reminder.entity';
import { Language } from '../src/common/language';
import { englishLeaks, englishLeaksInText, visibleText } from './utils/english-leaks';
import { createTestApp, TestApp } from './utils/create-test-app';
import { CapturedMail, SmtpCapture } from './utils/smtp-capture';

const COURSES = [
  {
    id: 1,
    title: 'Keeping safe online',
    titleCy: null,
    provider: 'Hwb',
    url: 'https://hwb.gov.wales/',
    topics: ['online-safety'],
    induction: true,
    retired: false,
  },
  {
    id: 2,
    title: 'Responding to online sexual harassment',
    titleCy: 'Ymateb i aflonyddu rhywiol ar-lein',
    provider: null,
    url: null,
    topics: ['online-safety', 'osh-response'],
    induction: false,
    retired: false,
  },
  {
    id: 3,
    title: 'DSP advanced',
    titleCy: 'Hyfforddiant uwch y PDD',
    provider: null,
    url: null,
    topics: ['dsp-advanced'],
    induction: false,
    retired: false,
  },
] as unknown as Course[];

/** Every kind of reminder: before, on and after the due date (each Welsh plural form), and at induction. */
const CASES: { training: ReminderTraining; daysToDue: number; cc?: string[] }[] = [
  { training: 'online-safety', daysToDue: 30 },
  { training: 'online-safety', daysToDue: 6 },
  { training: 'online-safety', daysToDue: 3 },
  { training: 'online-safety', daysToDue: 2 },
  { training: 'online-safety', daysToDue: 1 },
  { training: 'online-safety', daysToDue: 0 },
  { training: 'online-safety', daysToDue: -1 },
  { training: 'dsp-advanced', daysToDue: -7 },
  { training: 'online-safety', daysToDue: -28, cc: ['dsp@school.example'] },
  { training: 'induction', daysToDue: 14 },
];

/** The invitation (for each role; an admin belongs to no school) and the password reset. */
const ACCOUNT_EMAILS = [
  ...(['dsp', 'governor', 'staff'] as const).map((role) => ({
    what: `invite ${role}`,
    template: 'invite',
    role,
    schoolName: 'Ysgol y Cwm',
  })),
  { what: 'invite admin', template: 'invite', role: 'admin', schoolName: null },
  { what: 'password-reset', template: 'password-reset', role: 'governor', schoolName: 'Ysgol y Cwm' },
];

function due(language: Language, { training, daysToDue, cc = [] }: (typeof CASES)[number]): ReminderEmail {
  const staff = { id: 7, name: 'Siân Owen', email: 'sian@school.example', language } as DueReminder['staff'];
  const code = training === 'induction' ? 'online-safety' : training;
  const item: DueReminder = {
    staff,
    requirement: DEFAULT_REQUIREMENTS.find((requirement) => requirement.code === code)!,
    kind: training === 'induction' ? 'induction' : 'renewal',
    training,
    dueOn: '2026-12-05',
    offsetDays: daysToDue,
    daysToDue,
    cc,
  };
  return { staff, items: [item], cc };
}

describe('emails in Welsh (reminders, rejected training, invitations, password resets)', () => {
  let smtp: SmtpCapture;
  let testApp: TestApp;
  const sent: { language: Language; what: string; mail: CapturedMail }[] = [];

  beforeAll(async () => {
    smtp = await new SmtpCapture().start();
    testApp = await createTestApp({ env: { SMTP_URL: smtp.url, SMTP_TIMEOUT_MS: '5000' } });
    const mail = testApp.app.get(MailService);
    for (const language of ['cy', 'en'] as Language[]) {
      for (const reminder of CASES) {
        const before = smtp.messages.length;
        await mail.send({
          to: 'sian@school.example',
          language,
          template: 'reminder',
          context: reminderContext(due(language, reminder), 'Ysgol y Cwm', COURSES, 'https://training.example'),
        });
        sent.push({ language, what: `${reminder.training} ${reminder.daysToDue}`, mail: smtp.messages[before] });
      }
      const before = smtp.messages.length;
      await mail.send({
        to: 'sian@school.example',
        language,
        template: 'completion-rejected',
        context: {
          name: 'Siân Owen',
          schoolName: 'Ysgol y Cwm',
          courseTitle: 'Keeping safe online',
          courseTitleCy: 'Cadw’n ddiogel ar-lein',
          completedOn: '2026-04-14',
          reason: 'Dim tystysgrif',
          link: 'https://training.example/me',
        },
      });
      sent.push({ language, what: 'completion-rejected', mail: smtp.messages[before] });
      for (const { what, template, role, schoolName } of ACCOUNT_EMAILS) {
        const first = smtp.messages.length;
        await mail.send({
          to: 'sian@school.example',
          language,
          template,
          context: {
            link: `https://training.example/${template}/t0ken`,
            email: 'sian@school.example',
            schoolName,
            role,
          },
        });
        sent.push({ language, what, mail: smtp.messages[first] });
      }
    }
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  it('have no catalogue English outside lang="en" in the subject, the HTML or the text', () => {
    const leaks = sent
      .filter(({ language }) => language === 'cy')
      .flatMap(({ what, mail }) => [
        ...englishLeaksInText(`${what} subject`, mail.parsed.subject ?? ''),
        ...englishLeaks(`${what} html`, String(mail.parsed.html)),
        ...englishLeaksInText(`${what} text`, mail.parsed.text ?? ''),
      ]);
    expect(leaks).toEqual([]);
  });

  it('write the numbers of days as Welsh does, and dates in Welsh', () => {
    const text = (what: string) =>
      sent.find((email) => email.language === 'cy' && email.what === what)!.mail.parsed.text;
    expect(text('online-safety 2')).toContain('ymhen deuddydd');
    expect(text('online-safety 3')).toContain('ymhen tri diwrnod');
    expect(text('online-safety 6')).toContain('ymhen chwe diwrnod');
    expect(text('online-safety 30')).toContain('ymhen 30 diwrnod');
    expect(text('online-safety -1')).toContain('i ben ddoe, 5 Rhagfyr 2026');
    expect(text('online-safety -28')).toContain('28 diwrnod yn ôl');
    expect(text('online-safety 30')).toContain('er mwyn iddi gael ei chofnodi');
    expect(text('completion-rejected')).toContain('cwblhawyd ar 14 Ebrill 2026');
  });

  it('name the rejected training by its Welsh title in Welsh, its English title in English', () => {
    const rejected = (language: Language) =>
      sent.find((email) => email.language === language && email.what === 'completion-rejected')!.mail.parsed;
    expect(rejected('cy').subject).toContain('Cadw’n ddiogel ar-lein');
    expect(rejected('cy').text).toContain('Cadw’n ddiogel ar-lein');
    expect(rejected('cy').text).not.toContain('Keeping safe online');
    expect(rejected('en').subject).toContain('Keeping safe online');
  });

  it('invite and reset in the recipient’s language, naming the role, the school and the link', () => {
    const email = (language: Language, what: string) =>
      sent.find((one) => one.language === language && one.what === what)!.mail.parsed;
    expect(email('cy', 'invite governor').subject).toBe(
      'Rydych wedi cael gwahoddiad i’r traciwr hyfforddiant diogelwch ar-lein ar gyfer Ysgol y Cwm',
    );
    expect(email('cy', 'invite governor').text).toContain('ar gyfer Ysgol y Cwm, fel llywodraethwr.');
    expect(email('cy', 'invite dsp').text).toContain('fel person diogelu dynodedig (PDD).');
    expect(email('cy', 'invite admin').text).toContain('i staff, fel gweinyddwr ar gyfer pob ysgol.');
    expect(email('cy', 'invite staff').text).toContain(
      'Dewiswch eich cyfrinair a mewngofnodi: https://training.example/invite/t0ken',
    );
    expect(email('cy', 'password-reset').text).toContain('o fewn awr.');
    expect(email('en', 'invite governor').subject).toBe(
      'You have been invited to the online safety training tracker for Ysgol y Cwm',
    );
    expect(email('en', 'invite admin').subject).toBe('You have been invited to the online safety training tracker');
    expect(email('en', 'invite staff').text).toContain('for Ysgol y Cwm, as a member of staff.');
    expect(email('en', 'password-reset').html).toContain('href="https://training.example/password-reset/t0ken"');
    expect(email('en', 'password-reset').text).toContain('The link works once, within 1 hour.');
  });

  it('show a course’s Welsh title, and its English one marked lang="en" when it has none', () => {
    const html = String(
      sent.find((email) => email.language === 'cy' && email.what === 'online-safety 30')!.mail.parsed.html,
    );
    expect(html).toContain('<span lang="en">Keeping safe online</span>');
    expect(html).toContain('Ymateb i aflonyddu rhywiol ar-lein');
    expect(html).not.toContain('Responding to online sexual harassment');
  });

  it('say the same sentences in the HTML and the text part', () => {
    for (const { language, what, mail } of sent) {
      const html = visibleText(String(mail.parsed.html));
      const lines = (mail.parsed.text ?? '')
        .split('\n')
        .map((line) =>
          line
            .trim()
            .replace(/^- /, '')
            .replace(/:? ?https?:\/\/\S+$/, ''),
        )
        .filter(Boolean);
      const missing = lines.filter((line) => !html.includes(line.replace(/\s+/g, ' ')));
      expect({ language, what, missing }).toEqual({ language, what, missing: [] });
    }
  });
});
