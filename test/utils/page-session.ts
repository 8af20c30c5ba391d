import { TestApp } from './create-test-app';

export interface PageSession {
  /** Cookie header values: session, visitor and CSRF cookies. */
  cookies: string[];
  /** A CSRF token for the session's forms. */
  csrf: string;
}

function cookiesOf(response: { headers: Record<string, unknown> }): string[] {
  return ((response.headers['set-cookie'] as string[] | undefined) ?? []).map((cookie) => cookie.split(';')[0]);
}

function merge(cookies: string[], fresh: string[]): string[] {
  const byName = new Map(cookies.map((cookie) => [cookie.split('=')[0], cookie]));
  for (const cookie of fresh) byName.set(cookie.split('=')[0], cookie);
  return [...byName.values()];
}

export function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1];
}

/** Signs in through the login form, as a browser does, and returns what its next forms need. */
export async function signInPage(testApp: TestApp, email: string, password: string): Promise<PageSession> {
  const form = await testApp.http.get('/login').expect(200);
  let cookies = cookiesOf(form);
  const signedIn = await testApp.http
    .post('/login')
    .set('Cookie', cookies)
    .type('form')
    .send({ email, password, _csrf: csrfOf(form.text) })
    .expect(303);
  cookies = merge(cookies, cookiesOf(signedIn));
  // The CSRF token is bound to the session, so take a fresh one from a signed-in page.
  const page = await testApp.http.get('/login').set('Cookie', cookies).expect(200);
  return { cookies: merge(cookies, cookiesOf(page)), csrf: csrfOf(page.text) };
}

/** A page fetched as a signed-in browser would. */
export function getPage(testApp: TestApp, session: PageSession, path: string) {
  return testApp.http.get(path).set('Cookie', session.cookies);
}

/** A form posted as a signed-in browser would: the session's cookies and CSRF token. */
export function postForm(
  testApp: TestApp,
  session: PageSession,
  path: string,
  form: Record<string, string | string[]>,
) {
  return testApp.http
    .post(path)
    .set('Cookie', session.cookies)
    .type('form')
    .send({ ...form, _csrf: session.csrf });
}
