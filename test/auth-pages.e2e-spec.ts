import { SESSION_COOKIE } from '../src/auth/session-cookie';
import { SIGN_IN_DELAY } from '../src/auth/login-attempts.service';
import { AuthPagesController } from '../src/web/auth-pages.controller';
import { PASSWORD, World } from './factories/world';
import { TestApp } from './utils/create-test-app';
import { csrfOf, signInPage } from './utils/page-session';
import { useWorld } from './utils/use-world';

const setCookies = (response: { headers: Record<string, unknown> }) =>
  (response.headers['set-cookie'] as string[] | undefined) ?? [];

describe(AuthPagesController.name, () => {
  let testApp: TestApp;
  let world: World;
  /** Every delay the server waited before answering a failed sign-in, instead of waiting it. */
  const delays: number[] = [];

  useWorld(
    {
      env: { TRUST_PROXY: '1' },
      overrides: [{ provide: SIGN_IN_DELAY, useValue: (ms: number) => void delays.push(ms) }],
    },
    (app, built) => {
      testApp = app;
      world = built;
    },
  );
  beforeEach(() => (delays.length = 0));

  /** Posts the login form as a browser does: its cookies and CSRF token first. */
  async function postLogin(form: Record<string, string>, from = '192.0.2.1') {
    const page = await testApp.http.get('/login').expect(200);
    const cookies = setCookies(page).map((cookie) => cookie.split(';')[0]);
    return testApp.http
      .post('/login')
      .set('Cookie', cookies)
      .set('X-Forwarded-For', from)
      .type('form')
      .send({ ...form, _csrf: csrfOf(page.text) });
  }

  describe('POST /login', () => {
    it('refuses a wrong password with 401 and the login page again, keeping the email and a local next', async () => {
      const refused = await postLogin({ email: 'dsp@a.test', password: 'wrong-password-here', next: '/staff?x=1' });
      expect(refused.status).toBe(401);
      expect(refused.text).toContain('The email address or password is wrong.');
      expect(refused.text).toContain('value="dsp@a.test"');
      expect(refused.text).toContain('name="next" value="/staff?x&#x3D;1"');
      expect(setCookies(refused).join()).not.toContain(`${SESSION_COOKIE}=`);
    });

    it('refuses a malformed form with 400 and the login page, never a next to another host', async () => {
      const refused = await postLogin({ email: 'not-an-email', password: PASSWORD, next: '//evil.example/' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('The email address or password is wrong.');
      expect(refused.text).toContain('name="next" value="/"');
    });

    it('slows failed sign-ins after the free ones, as the API does, and lets the right password in', async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 5; index += 1)
        statuses.push(
          (await postLogin({ email: 'governor@b.test', password: 'wrong-password-here' }, '198.51.100.7')).status,
        );
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      expect(delays).toEqual([1000, 2000]);
      delays.length = 0;
      expect((await postLogin({ email: 'governor@b.test', password: PASSWORD }, '198.51.100.7')).status).toBe(303);
      expect(delays).toEqual([]);
    });

    it('signs in with a session cookie and goes to the local next, or home for anything else', async () => {
      const signedIn = await postLogin({ email: 'staff@a.test', password: PASSWORD, next: '/me/training' });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.location).toBe('/me/training');
      expect(setCookies(signedIn).find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))).toMatch(/HttpOnly/);
      for (const next of ['https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
        const elsewhere = await postLogin({ email: 'staff@a.test', password: PASSWORD, next });
        expect([elsewhere.status, elsewhere.headers.location]).toEqual([303, '/']);
      }
    });
  });

  it('GET / sends each role to its home page', async () => {
    const homes: [string, string][] = [
      ['dsp@a.test', '/staff'],
      ['governor@a.test', `/schools/${world.a.id}/summary`],
      ['staff@a.test', '/me'],
    ];
    for (const [email, home] of homes) {
      const session = await signInPage(testApp, email, PASSWORD);
      await testApp.http.get('/').set('Cookie', session.cookies).expect(303).expect('Location', home);
    }
  });

  it('POST /logout clears the session cookie and goes to the login page', async () => {
    const session = await signInPage(testApp, 'dsp@a.test', PASSWORD);
    const out = await testApp.http
      .post('/logout')
      .set('Cookie', session.cookies)
      .type('form')
      .send({ _csrf: session.csrf })
      .expect(303)
      .expect('Location', '/login');
    expect(setCookies(out).join()).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
  });

  it('POST /language sets the visit’s language and goes back to a local page only', async () => {
    const page = await testApp.http.get('/login').expect(200);
    const cookies = setCookies(page).map((cookie) => cookie.split(';')[0]);
    const switchTo = (form: Record<string, string>, referer = '') =>
      testApp.http
        .post('/language')
        .set('Cookie', cookies)
        .set('Referer', referer)
        .type('form')
        .send({ ...form, _csrf: csrfOf(page.text) })
        .expect(303);
    const welsh = await switchTo({ lang: 'cy', next: '/forgot-password' });
    expect(welsh.headers.location).toBe('/forgot-password');
    expect(setCookies(welsh).join()).toContain('lang=cy');
    await switchTo({ lang: 'en' }, '/login?next=%2Fstaff').expect('Location', '/login?next=%2Fstaff');
    await switchTo({ lang: 'cy' }, 'https://evil.example/').expect('Location', '/');
  });
});
