import { AuthService } from '../src/auth/auth.service';
import { ComplianceService } from '../src/compliance/compliance.service';
import { PASSWORD, World } from './factories/world';
import { TestApp } from './utils/create-test-app';
import { PageSession, signInPage } from './utils/page-session';
import { bearer, useWorld } from './utils/use-world';

const UNKNOWN = 999_999;
const TOO_LARGE = '2147483648';

/** An error body with the id taken out, to compare another school's id with an unknown one. */
const withoutId = (body: unknown, id: number | string): unknown =>
  JSON.parse(JSON.stringify(body), (_key, value) =>
    typeof value === 'string' ? value.replace(new RegExp(`\\b${id}\\b`, 'g'), 'ID') : value,
  );

describe('scope and small leaks', () => {
  let testApp: TestApp;
  let world: World;
  let dspA: PageSession;

  useWorld({ today: '2026-11-27' }, (app, built) => {
    testApp = app;
    world = built;
  });

  beforeAll(async () => {
    dspA = await signInPage(testApp, 'dsp@a.test', PASSWORD);
  });

  describe('another school’s ids answer exactly as unknown ids (404)', () => {
    const cases: [string, string, (world: World) => number][] = [
      ['GET', '/api/staff/ID', (w) => w.b.staffIds[1]],
      ['PATCH', '/api/staff/ID', (w) => w.b.staffIds[1]],
      ['DELETE', '/api/staff/ID', (w) => w.b.staffIds[1]],
      ['GET', '/api/courses/ID', (w) => w.b.inHouseCourseId],
      ['PATCH', '/api/courses/ID', (w) => w.b.inHouseCourseId],
      ['GET', '/api/schools/ID', (w) => w.b.id],
      ['PATCH', '/api/schools/ID', (w) => w.b.id],
      ['GET', '/api/schools/ID/compliance', (w) => w.b.id],
      ['GET', '/api/schools/ID/compliance.csv', (w) => w.b.id],
      ['GET', '/api/schools/ID/compliance/history', (w) => w.b.id],
      ['POST', '/api/schools/ID/compliance/snapshots', (w) => w.b.id],
      ['GET', '/api/schools/ID/changes', (w) => w.b.id],
      ['GET', '/api/staff?schoolId=ID', (w) => w.b.id],
      ['GET', '/api/courses?schoolId=ID', (w) => w.b.id],
      ['GET', '/api/completions?staffId=ID', (w) => w.b.staffIds[1]],
      ['GET', '/api/needs-audits?staffId=ID', (w) => w.b.staffIds[1]],
    ];

    it.each(cases)('%s %s', async (method, path, idOf) => {
      const call = (id: number | string) =>
        testApp.http[method.toLowerCase() as 'get'](path.replace('ID', String(id)))
          .set(bearer(world.a.dspToken))
          .send(method === 'PATCH' ? {} : undefined);
      const other = await call(idOf(world)).expect(404);
      const unknown = await call(UNKNOWN).expect(404);
      expect(withoutId(other.body, idOf(world))).toEqual(withoutId(unknown.body, UNKNOWN));
    });

    it('for a governor and a member of staff too', async () => {
      await testApp.http.get(`/api/schools/${world.b.id}/compliance`).set(bearer(world.a.governorToken)).expect(404);
      await testApp.http.get(`/api/staff/${world.b.staffIds[0]}`).set(bearer(world.a.staffToken)).expect(404);
      // A colleague in one's own school is outside a staff user's scope as well.
      await testApp.http.get(`/api/staff/${world.a.staffIds[1]}`).set(bearer(world.a.staffToken)).expect(404);
    });

    it(
      'ids in a body: another school’s staff or course is refused as an unknown id is (400 ' + 'naming the field)',
      async () => {
        const record = (body: object) =>
          testApp.http.post('/api/completions').set(bearer(world.a.dspToken)).send(body).expect(400);
        const base = { staffId: world.a.staffIds[1], courseId: world.sharedCourseId, completedOn: '2026-10-01' };
        const otherStaff = await record({ ...base, staffId: world.b.staffIds[1] });
        const unknownStaff = await record({ ...base, staffId: UNKNOWN });
        expect(withoutId(otherStaff.body, world.b.staffIds[1])).toEqual(withoutId(unknownStaff.body, UNKNOWN));
        const otherCourse = await record({ ...base, courseId: world.b.inHouseCourseId });
        const unknownCourse = await record({ ...base, courseId: UNKNOWN });
        expect(otherCourse.body.errors).toEqual([{ field: 'courseId', message: expect.any(String) }]);
        expect(withoutId(otherCourse.body, world.b.inHouseCourseId)).toEqual(withoutId(unknownCourse.body, UNKNOWN));
        const newStaff = { name: 'New', email: 'new-member@a.test', startDate: '2026-09-01' };
        const otherSchool = await testApp.http
          .post('/api/staff')
          .set(bearer(world.a.dspToken))
          .send({ ...newStaff, schoolId: world.b.id })
          .expect(400);
        const unknownSchool = await testApp.http
          .post('/api/staff')
          .set(bearer(world.a.dspToken))
          .send({ ...newStaff, schoolId: UNKNOWN })
          .expect(400);
        expect(withoutId(otherSchool.body, world.b.id)).toEqual(withoutId(unknownSchool.body, UNKNOWN));
      },
    );

    it('on pages too: another school’s record or summary is the 404 page', async () => {
      for (const path of [`/staff/${world.b.staffIds[1]}`, `/schools/${world.b.id}/summary`]) {
        const response = await testApp.http.get(path).set('Cookie', dspA.cookies).expect(404);
        expect(response.text).toContain('Page not found.');
      }
    });
  });

  it('never names another school’s in-house course in an error', async () => {
    const responses = [
      await testApp.http
        .post('/api/completions')
        .set(bearer(world.a.dspToken))
        .send({ staffId: world.a.staffIds[1], courseId: world.b.inHouseCourseId, completedOn: '2026-10-01' }),
      await testApp.http
        .post('/api/completions/bulk')
        .set(bearer(world.a.dspToken))
        .send({ staffIds: [world.a.staffIds[1]], courseId: world.b.inHouseCourseId, completedOn: '2026-10-01' }),
      // An admin recording school A's member on school B's course.
      await testApp.http
        .post('/api/completions')
        .set(bearer(world.adminToken))
        .send({ staffId: world.a.staffIds[1], courseId: world.b.inHouseCourseId, completedOn: '2026-10-01' }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(response.text).not.toContain('In-house b');
    }
  });

  it('answers ids beyond the database’s integers, and ids that are not numbers, with 404', async () => {
    for (const id of [TOO_LARGE, '99999999999999999999', 'abc', '0', '-1', '1.5']) {
      await testApp.http.get(`/api/staff/${id}`).set(bearer(world.a.dspToken)).expect(404);
      await testApp.http.get(`/api/schools/${id}/compliance`).set(bearer(world.a.dspToken)).expect(404);
      await testApp.http.delete(`/api/completions/${id}`).set(bearer(world.a.dspToken)).expect(404);
      await testApp.http.get(`/staff/${id}`).set('Cookie', dspA.cookies).expect(404);
    }
    // Ids in a query or a body are checked before they reach the database.
    await testApp.http.get(`/api/completions?staffId=${TOO_LARGE}`).set(bearer(world.a.dspToken)).expect(400);
    const body = await testApp.http
      .post('/api/completions')
      .set(bearer(world.a.dspToken))
      .send({ staffId: Number(TOO_LARGE), courseId: world.sharedCourseId, completedOn: '2026-10-01' })
      .expect(400);
    expect(body.body.errors).toEqual([{ field: 'staffId', message: expect.any(String) }]);
  });

  it('tells browsers and proxies to keep no copy of pages, API answers and CSVs', async () => {
    const answers = [
      await testApp.http.get('/staff').set('Cookie', dspA.cookies).expect(200),
      await testApp.http.get(`/api/staff?schoolId=${world.a.id}`).set(bearer(world.a.dspToken)).expect(200),
      await testApp.http.get(`/api/schools/${world.a.id}/compliance.csv`).set(bearer(world.a.dspToken)).expect(200),
      await testApp.http.get(`/schools/${world.a.id}/compliance.csv`).set('Cookie', dspA.cookies).expect(200),
      await testApp.http.get('/login').expect(200),
    ];
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('accepts the bearer scheme in any case', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      await testApp.http.get('/api/schools').set('Authorization', `${scheme} ${world.a.dspToken}`).expect(200);
    }
  });

  it('renders the error page, not JSON, when a page fails unexpectedly', async () => {
    const spy = jest.spyOn(testApp.app.get(ComplianceService), 'summary').mockRejectedValue(new Error('boom'));
    try {
      const response = await testApp.http.get('/staff').set('Cookie', dspA.cookies).expect(500);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toMatch(/<html lang="en">/);
      expect(response.text).toContain('Something went wrong on our side');
      expect(response.text).not.toContain('boom');
    } finally {
      spy.mockRestore();
    }
  });

  it('gives the 413 page the language the visitor chose', async () => {
    const response = await testApp.http
      .post('/login')
      .set('Cookie', ['lang=cy'])
      .type('form')
      .send(`email=${'a'.repeat(6 * 1024 * 1024)}`)
      .expect(413);
    expect(response.text).toMatch(/<html lang="cy">/);
    expect(response.text).toContain('5 MB');
  });

  it('takes a form’s CSRF token from its body, never from the query string', async () => {
    await testApp.http
      .post(`/language?_csrf=${encodeURIComponent(dspA.csrf)}`)
      .set('Cookie', dspA.cookies)
      .type('form')
      .send({ lang: 'cy' })
      .expect(403);
    await testApp.http
      .post('/language')
      .set('Cookie', dspA.cookies)
      .type('form')
      .send({ lang: 'cy', _csrf: dspA.csrf })
      .expect(303);
  });

  it('checks the page sign-in’s email before any work: no lookup, no hash, no failure count', async () => {
    const form = await testApp.http.get('/login').expect(200);
    const cookies = ((form.headers['set-cookie'] as unknown as string[]) ?? []).map((cookie) => cookie.split(';')[0]);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const login = jest.spyOn(testApp.app.get(AuthService), 'login');
    try {
      for (const email of ['x'.repeat(900_000), 'not-an-email']) {
        const response = await testApp.http
          .post('/login')
          .set('Cookie', cookies)
          .type('form')
          .send({ email, password: PASSWORD, _csrf: csrf })
          .expect(400);
        expect(response.text.length).toBeLessThan(100_000);
      }
      expect(login).not.toHaveBeenCalled();
    } finally {
      login.mockRestore();
    }
  });
});
