import { createTestApp, TestApp } from './utils/create-test-app';

function cookiesOf(response: { headers: Record<string, unknown> }): string[] {
  return (response.headers['set-cookie'] as string[] | undefined) ?? [];
}

describe('web security', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ seedDemo: true });
  });
  afterAll(() => testApp.close());

  async function loginForm() {
    const page = await testApp.http.get('/login').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const cookies = cookiesOf(page).map((cookie) => cookie.split(';')[0]);
    return { csrf, cookies };
  }

  async function postLogin(email: string, extra: Record<string, string> = {}) {
    const { csrf, cookies } = await loginForm();
    return testApp.http
      .post('/login')
      .set('Cookie', cookies)
      .type('form')
      .send({ email, password: 'demo-password-2026', _csrf: csrf, ...extra })
      .expect(303);
  }

  it('sends helmet’s security headers on pages and the API', async () => {
    for (const path of ['/login', '/api/health']) {
      const response = await testApp.http.get(path);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('refuses a form posted without its CSRF token (403), and signs in with it', async () => {
    const { csrf, cookies } = await loginForm();
    const form = { email: 'dsp@bryn-derw.example', password: 'demo-password-2026' };
    await testApp.http.post('/login').set('Cookie', cookies).type('form').send(form).expect(403);
    await testApp.http
      .post('/login')
      .set('Cookie', cookies)
      .type('form')
      .send({ ...form, _csrf: 'forged' })
      .expect(403);
    const signedIn = await testApp.http
      .post('/login')
      .set('Cookie', cookies)
      .type('form')
      .send({ ...form, _csrf: csrf })
      .expect(303);
    const session = cookiesOf(signedIn).find((cookie) => cookie.startsWith('session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
  });

  it('never lets the API accept the page session cookie', async () => {
    const signedIn = await postLogin('dsp@bryn-derw.example');
    const session = cookiesOf(signedIn)
      .find((cookie) => cookie.startsWith('session='))!
      .split(';')[0];
    await testApp.http.get('/staff').set('Cookie', session).expect(200);
    await testApp.http.get('/api/staff').set('Cookie', session).expect(401);
  });

  it('revokes the session on logout: the old cookie no longer signs in', async () => {
    const signedIn = await postLogin('dsp@bryn-derw.example');
    const session = cookiesOf(signedIn)
      .find((cookie) => cookie.startsWith('session='))!
      .split(';')[0];
    const page = await testApp.http.get('/staff').set('Cookie', session).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const csrfCookie = cookiesOf(page).map((cookie) => cookie.split(';')[0]);
    await testApp.http
      .post('/logout')
      .set('Cookie', [session, ...csrfCookie])
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    const after = await testApp.http.get('/staff').set('Cookie', session).expect(303);
    expect(after.headers.location).toMatch(/^\/login/);
  });

  it('sends visitors without a session to the login page, keeping where they were going', async () => {
    const response = await testApp.http.get('/staff?status=never').expect(303);
    expect(response.headers.location).toBe('/login?next=%2Fstaff%3Fstatus%3Dnever');
  });

  it('only follows same-site paths after sign-in', async () => {
    const response = await postLogin('governor@bryn-derw.example', { next: '//evil.example/' });
    expect(response.headers.location).toBe('/');
  });
});
