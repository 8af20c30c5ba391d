import { AccountTokensService } from '../src/auth/account-tokens.service';
import { PASSWORD, World } from './factories/world';
import { ADMIN, tableCounts, TestApp } from './utils/create-test-app';
import { csrfOf, PageSession, signInPage } from './utils/page-session';
import { bearer, useWorld } from './utils/use-world';

const TODAY = '2026-11-27';

/**
 * A refusal on a Welsh page says exactly why, in Welsh (the service's code, translated), and the
 * refused form changes nothing. The world's staff started on 2024-09-01.
 */
describe('refusals on Welsh pages', () => {
  let testApp: TestApp;
  let world: World;
  let dsp: PageSession;
  let admin: PageSession;

  useWorld({ today: TODAY }, (app, built) => {
    testApp = app;
    world = built;
  });

  beforeAll(async () => {
    dsp = await signInPage(testApp, 'dsp@a.test', PASSWORD);
    admin = await signInPage(testApp, ADMIN.email, ADMIN.password);
  });

  const postInWelsh = (session: PageSession, path: string, form: Record<string, unknown> = {}) =>
    testApp.http
      .post(path)
      .set('Cookie', [...session.cookies, 'lang=cy'])
      .type('form')
      .send({ ...form, _csrf: session.csrf });

  const apiGet = async (path: string, token = world.a.dspToken) =>
    (await testApp.http.get(path).set(bearer(token)).expect(200)).body as Record<string, unknown>;

  /** Posts the form in Welsh, expects the status and the exact reason, and that no table or record changed. */
  async function expectRefusedInWelsh(
    send: () => Promise<{ status: number; text: string }>,
    status: number,
    reason: string,
    record?: string,
  ): Promise<void> {
    const counts = await tableCounts(testApp.dataSource);
    const stored = record ? await apiGet(record) : null;
    const page = await send();
    expect(page.status).toBe(status);
    expect(page.text).toContain(reason);
    await expect(tableCounts(testApp.dataSource)).resolves.toEqual(counts);
    if (record) await expect(apiGet(record)).resolves.toEqual(stored);
  }

  const staffForm = (overrides: Record<string, string>) => ({
    name: 'Member a1',
    email: 's1@a.test',
    startDate: '2024-09-01',
    safeguardingRole: 'none',
    language: 'en',
    ...overrides,
  });

  describe('staff', () => {
    it('says a leaving date before the start date, with both dates in Welsh', async () => {
      const id = world.a.staffIds[1];
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, `/staff/${id}/leave`, { leftOn: '2024-08-31' }),
        400,
        'Mae’r dyddiad gadael, 31 Awst 2024, cyn y dyddiad dechrau (1 Medi 2024).',
        `/api/staff/${id}`,
      );
    });

    it('says a start date more than a year ahead, and the latest it may be', async () => {
      const id = world.a.staffIds[1];
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, `/staff/${id}/edit`, staffForm({ startDate: '2027-12-01' })),
        400,
        'Mae’r dyddiad, 1 Rhagfyr 2027, fwy na blwyddyn ymlaen: 27 Tachwedd 2027 fan bellaf.',
        `/api/staff/${id}`,
      );
    });

    it('says a start date before 1900, a real day but too early', async () => {
      const id = world.a.staffIds[1];
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, `/staff/${id}/edit`, staffForm({ startDate: '1899-12-31' })),
        400,
        'Rhaid i’r dyddiad fod yn 1900 neu’n hwyrach.',
        `/api/staff/${id}`,
      );
    });

    it('says a name holding a control character that no keyboard types', async () => {
      const id = world.a.staffIds[1];
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, `/staff/${id}/edit`, staffForm({ name: 'Member\u0007 a1' })),
        400,
        'Mae hwn yn cynnwys nodau na ellir eu defnyddio yma',
        `/api/staff/${id}`,
      );
    });

    it('says an email address another member already has (409 in the API)', async () => {
      const id = world.a.staffIds[1];
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, `/staff/${id}/edit`, staffForm({ email: 's2@a.test' })),
        400,
        'Mae gan aelod arall o staff yr ysgol hon y cyfeiriad e-bost hwn yn barod.',
        `/api/staff/${id}`,
      );
    });
  });

  const settingsForm = {
    annualRefreshMonths: '12',
    inductionWindowDays: '30',
    dueSoonDays: '30',
    coverageThresholdPercent: '90',
    coordinatorCopyAfterDays: '14',
    reminderOffsetsDays: '30,7,0',
    expiryBasis: 'rolling',
    academicYearGraceDays: '30',
  };

  describe('dates that cannot be ahead of today', () => {
    it('says a course’s content review dated tomorrow is after today', async () => {
      const id = world.a.inHouseCourseId;
      const form = {
        title: 'In-house a',
        topics: ['online-safety'],
        validityMonths: '12',
        contentReviewedOn: '2026-11-28',
      };
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, `/courses/${id}/edit`, form),
        400,
        'Mae’r dyddiad, 28 Tachwedd 2026, ar ôl heddiw (27 Tachwedd 2026).',
        `/api/courses/${id}`,
      );
    });

    it('says a filtering and monitoring review dated ahead is after today', async () => {
      const form = {
        ...settingsForm,
        filteringReviewedOn: '2027-01-05',
      };
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, '/settings', form),
        400,
        'Mae’r dyddiad, 5 Ionawr 2027, ar ôl heddiw (27 Tachwedd 2026).',
        `/api/schools/${world.a.id}`,
      );
    });

    it('says a training-needs audit dated ahead is after today', async () => {
      const id = world.a.staffIds[1];
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, `/staff/${id}/audit`, { auditedOn: '2026-12-01', topics: 'online-safety' }),
        400,
        'Mae’r dyddiad, 1 Rhagfyr 2026, ar ôl heddiw (27 Tachwedd 2026).',
      );
    });
  });

  describe('settings', () => {
    it('says a reminder listed twice in the settings', async () => {
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, '/settings', { ...settingsForm, reminderOffsetsDays: '30,7,30' }),
        400,
        'Mae’r un nifer o ddiwrnodau wedi’i restru ddwywaith: rhowch bob nodyn atgoffa unwaith.',
        `/api/schools/${world.a.id}`,
      );
    });
  });

  describe('verifying self-reported training', () => {
    it('says on the error page that the training was already verified (409), then that nothing more changed', async () => {
      const { body: reported } = await testApp.http
        .post('/api/completions')
        .set(bearer(world.a.staffToken))
        .send({ staffId: world.a.staffUserStaffId, courseId: world.sharedCourseId, completedOn: '2026-11-02' })
        .expect(201);
      await postInWelsh(dsp, `/verify/${reported.id}`).expect(303);
      for (const path of [`/verify/${reported.id}`, `/verify/${reported.id}/reject`]) {
        const send = () => postInWelsh(dsp, path, { reason: 'Cwrs anghywir' });
        await expectRefusedInWelsh(
          send,
          409,
          'Mae’r hyfforddiant hwn wedi’i wirio’n barod.',
          `/api/completions?staffId=${world.a.staffUserStaffId}`,
        );
      }
      const page = await postInWelsh(dsp, `/verify/${reported.id}`);
      expect(page.text).toContain('Mae hyn wedi’i wneud yn barod');
    });
  });

  describe('requirements', () => {
    it('says a code the school already uses, beside the code field (409 in the API)', async () => {
      const form = {
        code: 'safeguarding',
        titleEn: 'Again',
        titleCy: 'Eto',
        audience: 'all-staff',
        topics: 'safeguarding',
        refresh: 'course',
      };
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, '/requirements/new', form),
        400,
        'Mae gan yr ysgol ofyniad gyda’r cod hwn yn barod. Dewiswch un arall.',
        `/api/schools/${world.a.id}/requirements`,
      );
    });

    it('says the online-safety requirement is kept for good (409)', async () => {
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, '/requirements/online-safety/remove'),
        409,
        'gellir eu golygu ond nid eu dileu.',
        `/api/schools/${world.a.id}/requirements`,
      );
    });
  });

  describe('accounts', () => {
    it('says an email address an account already uses, on the invitation and the new-school form', async () => {
      const reason = 'Mae cyfrif eisoes yn defnyddio’r cyfeiriad e-bost hwn.';
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, '/accounts/invite', { email: 'dsp@b.test', role: 'governor' }),
        400,
        reason,
        `/api/users?schoolId=${world.a.id}`,
      );
      const newSchool = { name: 'Ysgol newydd', kind: 'school', dspEmail: 'dsp@b.test' };
      await expectRefusedInWelsh(() => postInWelsh(admin, '/admin/schools/new', newSchool), 400, reason);
      const page = await postInWelsh(admin, '/admin/schools/new', newSchool);
      expect(page.text).toMatch(new RegExp(`id="dspEmail-error"[^>]*><span[^>]*>[^<]*</span>${reason}`));
    });

    it('says one cannot switch off one’s own account', async () => {
      const { body: users } = await testApp.http
        .get(`/api/users?schoolId=${world.a.id}`)
        .set(bearer(world.a.dspToken))
        .expect(200);
      const own = (users as { id: number; email: string }[]).find((user) => user.email === 'dsp@a.test')!;
      await expectRefusedInWelsh(
        () => postInWelsh(dsp, `/accounts/${own.id}/disable`),
        400,
        'Allwch chi ddim diffodd eich cyfrif eich hun.',
        `/api/users?schoolId=${world.a.id}`,
      );
    });

    it('says a password link of an account switched off cannot be used, and sets no password', async () => {
      const { body: account } = await testApp.http
        .post('/api/users')
        .set(bearer(world.adminToken))
        .send({ email: 'switched-off@a.test', password: PASSWORD, role: 'governor', schoolId: world.a.id })
        .expect(201);
      await testApp.http.patch(`/api/users/${account.id}`).set(bearer(world.adminToken)).send({ disabled: true });
      const token = await testApp.dataSource.transaction((manager) =>
        testApp.app.get(AccountTokensService).issue(manager, account.id, 'reset'),
      );
      const hashOf = async () =>
        (await testApp.dataSource.query(`SELECT "passwordHash" FROM app_user WHERE id = ${account.id}`))[0];
      const hash = await hashOf();
      // The link itself is live (the form shows); the account behind it is refused on saving.
      const form = await testApp.http.get(`/reset/${token}`).set('Cookie', 'lang=cy').expect(200);
      const cookies = (form.headers['set-cookie'] as unknown as string[]).map((cookie) => cookie.split(';')[0]);
      const password = 'another-long-password';
      const send = () =>
        testApp.http
          .post(`/reset/${token}`)
          .set('Cookie', [...cookies, 'lang=cy'])
          .type('form')
          .send({ password, confirm: password, _csrf: csrfOf(form.text) });
      await expectRefusedInWelsh(
        send,
        410,
        'Does dim modd defnyddio’r cyfrif hwn mwyach: mae wedi’i ddiffodd, neu mae ei aelod o staff wedi gadael.',
      );
      await expect(hashOf()).resolves.toEqual(hash);
    });
  });
});
