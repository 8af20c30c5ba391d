import { PASSWORD, World, buildCourse, buildStaff } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { signInPage } from './utils/page-session';
import { bearer, useWorld } from './utils/use-world';

const TODAY = '2026-11-27';

describe('input validation', () => {
  let testApp: TestApp;
  let world: World;

  useWorld({ today: TODAY }, (app, built) => {
    testApp = app;
    world = built;
  });

  const send = (method: 'post' | 'patch', path: string, body: unknown, token = world.a.dspToken) =>
    testApp.http[method](path).set(bearer(token)).set('Content-Type', 'application/json').send(JSON.stringify(body));

  async function expectRefused(call: Promise<{ status: number; body: { errors: unknown } }>, field: string) {
    const before = await tableCounts(testApp.dataSource);
    const response = await call;
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field, message: expect.any(String) }]);
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
    return response.body.errors as { field: string; message: string }[];
  }

  describe('free text', () => {
    const bad: [string, string][] = [
      ['only spaces', '   '],
      ['a NUL', 'Ann\u0000Jones'],
      ['a BEL', 'Ann\u0007'],
      ['a right-to-left override', 'Ann \u202Egpj.exe'],
      ['a left-to-right isolate', 'Ann \u2066x\u2069'],
    ];

    it.each(bad)('refuses a name with %s, on every free-text field', async (_what, text) => {
      const staff = world.a.staffIds[1];
      await expectRefused(send('post', '/api/staff', buildStaff(world.a.id, { name: text })), 'name');
      await expectRefused(send('patch', `/api/staff/${staff}`, { jobTitle: text }), 'jobTitle');
      await expectRefused(send('patch', `/api/schools/${world.a.id}`, { name: text }), 'name');
      await expectRefused(send('post', '/api/courses', buildCourse({ schoolId: world.a.id, title: text })), 'title');
      await expectRefused(
        send('post', '/api/completions', {
          staffId: staff,
          courseId: world.sharedCourseId,
          completedOn: '2026-10-01',
          evidence: text,
        }),
        'evidence',
      );
      await expectRefused(
        send('post', '/api/needs-audits', {
          staffId: staff,
          auditedOn: TODAY,
          needs: [{ topic: 'online-safety', note: text }],
        }),
        'needs.0.note',
      );
    });

    it('keeps ordinary Welsh and accented names, and notes over several lines', async () => {
      await send('post', '/api/staff', buildStaff(world.a.id, { name: 'Siân Ó Dónaill-Ŵyn' })).expect(201);
      await send('post', '/api/needs-audits', {
        staffId: world.a.staffIds[1],
        auditedOn: TODAY,
        needs: [{ topic: 'online-safety', note: 'First line\nSecond line\twith a tab' }],
      }).expect(201);
    });

    it('refuses the same on the pages’ forms', async () => {
      const session = await signInPage(testApp, 'dsp@a.test', PASSWORD);
      const before = await tableCounts(testApp.dataSource);
      const response = await testApp.http
        .post('/completions/new')
        .set('Cookie', session.cookies)
        .type('form')
        .send({
          _csrf: session.csrf,
          staffId: String(world.a.staffIds[1]),
          courseId: String(world.sharedCourseId),
          completedOn: '2026-10-01',
          evidence: 'CERT \u202E1',
        })
        .expect(400);
      // The form comes back with the error beside the evidence field (worded in the page's language).
      expect(response.text).toContain('id="evidence-error"');
      expect(await tableCounts(testApp.dataSource)).toEqual(before);
    });

    it('refuses control characters in CSV rows, naming the line', async () => {
      const csv = 'email,course,completed_on,evidence\ns1@a.test,Keeping safe online,2026-10-01,CERT\u0007\n';
      const response = await testApp.http
        .post('/api/completions/import')
        .set(bearer(world.a.dspToken))
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(400);
      expect(response.body.errors).toEqual([{ line: 2, message: expect.stringContaining('control characters') }]);
    });
  });

  describe('prototype keys', () => {
    it.each(['__proto__', 'constructor', 'prototype'])('refuses %s as an unknown field', async (key) => {
      const body = `{"name":"New school","${key}":{"isAdmin":true}}`;
      const response = await testApp.http
        .post('/api/schools')
        .set(bearer(world.adminToken))
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(response.body.errors).toEqual([{ field: key, message: `property ${key} should not exist` }]);
    });
  });

  describe('dates', () => {
    it.each([
      ['startDate', '0000-01-01'],
      ['startDate', '1899-12-31'],
      ['startDate', '9999-01-01'],
      ['startDate', '2027-11-28'],
      ['leftOn', '9999-12-31'],
    ])('refuses %s %s for a member of staff', async (field, day) => {
      await expectRefused(send('post', '/api/staff', buildStaff(world.a.id, { [field]: day })), field);
    });

    it('takes a start date up to a year ahead, and from 1900', async () => {
      await send('post', '/api/staff', buildStaff(world.a.id, { startDate: '2027-11-27' })).expect(201);
      await send('post', '/api/staff', buildStaff(world.a.id, { startDate: '1900-01-01' })).expect(201);
    });

    it('refuses completions and audits dated before 1900', async () => {
      await expectRefused(
        send('post', '/api/completions', {
          staffId: world.a.staffIds[1],
          courseId: world.sharedCourseId,
          completedOn: '0000-01-01',
        }),
        'completedOn',
      );
      await expectRefused(
        send('post', '/api/needs-audits', { staffId: world.a.staffIds[1], auditedOn: '1000-01-01', needs: [] }),
        'auditedOn',
      );
    });

    it('refuses review dates after today: filtering review and course content review', async () => {
      await expectRefused(
        send('patch', `/api/schools/${world.a.id}`, { filteringReviewedOn: '2999-01-01' }),
        'filteringReviewedOn',
      );
      await expectRefused(
        send('patch', `/api/schools/${world.a.id}`, { filteringReviewedOn: '2026-11-28' }),
        'filteringReviewedOn',
      );
      await send('patch', `/api/schools/${world.a.id}`, { filteringReviewedOn: TODAY }).expect(200);
      await expectRefused(
        send('post', '/api/courses', buildCourse({ schoolId: world.a.id, contentReviewedOn: '2026-11-28' })),
        'contentReviewedOn',
      );
      await expectRefused(
        send('patch', `/api/courses/${world.a.inHouseCourseId}`, { contentReviewedOn: '2999-01-01' }),
        'contentReviewedOn',
      );
      await send('patch', `/api/courses/${world.a.inHouseCourseId}`, { contentReviewedOn: TODAY }).expect(200);
    });
  });

  describe('lists', () => {
    it('refuses no reminder offsets, and the same offset twice', async () => {
      await expectRefused(
        send('patch', `/api/schools/${world.a.id}`, { reminderOffsetsDays: [] }),
        'reminderOffsetsDays',
      );
      await expectRefused(
        send('patch', `/api/schools/${world.a.id}`, { reminderOffsetsDays: [30, 7, 30] }),
        'reminderOffsetsDays',
      );
    });

    it('refuses the same topic twice in one audit', async () => {
      const errors = await expectRefused(
        send('post', '/api/needs-audits', {
          staffId: world.a.staffIds[1],
          auditedOn: TODAY,
          needs: [{ topic: 'online-safety' }, { topic: 'safeguarding' }, { topic: 'online-safety', note: 'again' }],
        }),
        'needs',
      );
      expect(errors[0].message).toMatch(/same topic/);
    });
  });

  describe('messages name the actual fault', () => {
    it('says a null or missing required field is required', async () => {
      const nulled = await expectRefused(send('post', '/api/staff', buildStaff(world.a.id, { name: null })), 'name');
      expect(nulled[0].message).toBe('name is required');
      const missing = await send('post', '/api/courses', {
        topics: ['online-safety'],
        validityMonths: 12,
        contentReviewedOn: TODAY,
      }).expect(400);
      expect(missing.body.errors).toEqual([{ field: 'title', message: 'title is required' }]);
    });

    it('says text for a number must be a whole number', async () => {
      const errors = await expectRefused(
        send('patch', `/api/schools/${world.a.id}`, { dueSoonDays: '12' }),
        'dueSoonDays',
      );
      expect(errors[0].message).toBe('dueSoonDays must be a whole number');
      const fraction = await expectRefused(
        send('patch', `/api/schools/${world.a.id}`, { dueSoonDays: 1.5 }),
        'dueSoonDays',
      );
      expect(fraction[0].message).toBe('dueSoonDays must be a whole number');
    });

    it('says a number for text must be text, and a list must be a list', async () => {
      const text = await expectRefused(send('post', '/api/staff', buildStaff(world.a.id, { name: 12 })), 'name');
      expect(text[0].message).toBe('name must be text');
      const list = await expectRefused(
        send('patch', `/api/schools/${world.a.id}`, { reminderOffsetsDays: 7 }),
        'reminderOffsetsDays',
      );
      expect(list[0].message).toBe('reminderOffsetsDays must be a list');
    });

    it('names the first rule written when the kind is right', async () => {
      const long = await expectRefused(
        send('post', '/api/staff', buildStaff(world.a.id, { name: 'x'.repeat(201) })),
        'name',
      );
      expect(long[0].message).toMatch(/shorter than or equal to 200/);
      const empty = await expectRefused(send('post', '/api/staff', buildStaff(world.a.id, { name: '' })), 'name');
      expect(empty[0].message).toMatch(/longer than or equal to 1/);
    });
  });
});
