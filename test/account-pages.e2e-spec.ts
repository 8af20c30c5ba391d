import { buildWorld, PASSWORD, World } from './factories/world';
import { createTestApp, TestApp } from './utils/create-test-app';
import { SmtpCapture } from './utils/smtp-capture';
import { bearer } from './utils/use-world';

const APP_URL = 'http://tracker.school.example';
const NEW_PASSWORD = 'a-brand-new-passphrase';

const cookiesOf = (response: { headers: Record<string, unknown> }) =>
  ((response.headers['set-cookie'] as string[] | undefined) ?? []).map((cookie) => cookie.split(';')[0]);
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

describe('account pages', () => {
  let testApp: TestApp;
  let world: World;
  const smtp = new SmtpCapture();

  beforeAll(async () => {
    await smtp.start();
    testApp = await createTestApp({ env: { SMTP_URL: smtp.url, APP_URL } });
    world = await buildWorld(testApp);
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  async function linkFor(address: string, kind: 'invite' | 'reset'): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const text = smtp.to(address).at(-1)?.parsed.text;
      const match = text && new RegExp(`${APP_URL}(/${kind}/[A-Za-z0-9_-]+)`).exec(text);
      if (match) return match[1];
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`No ${kind} email to ${address}`);
  }

  /** Opens a page and posts its form back with the CSRF token and cookies, as a browser does. */
  async function submit(path: string, form: Record<string, string>, cookies: string[] = [], lang = 'en') {
    const page = await testApp.http.get(path).set('Cookie', [...cookies, `lang=${lang}`]);
    const fresh = cookiesOf(page);
    const names = new Set(fresh.map((cookie) => cookie.split('=')[0]));
    const jar = [...cookies.filter((cookie) => !names.has(cookie.split('=')[0])), ...fresh, `lang=${lang}`];
    return testApp.http
      .post(path)
      .set('Cookie', jar)
      .type('form')
      .send({ ...form, _csrf: csrfIn(page.text) });
  }

  it('asks for a reset by email, then chooses a new password on the emailed link, once', async () => {
    await testApp.http
      .get('/login')
      .expect(200)
      .expect(/href="\/forgot-password"/);
    const sent = await submit('/forgot-password', { email: 'governor@a.test' });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('a link to choose a new password is on its way');
    const link = await linkFor('governor@a.test', 'reset');
    await testApp.http
      .get(link)
      .expect(200)
      .expect(/New password again/);
    const typo = await submit(link, { password: NEW_PASSWORD, confirm: 'something-else-entirely' });
    expect(typo.status).toBe(400);
    expect(typo.text).toMatch(/two passwords differ/i);
    const common = await submit(link, { password: 'password1234', confirm: 'password1234' });
    expect(common.status).toBe(400);
    expect(common.text).toContain('does not meet the rules');
    const done = await submit(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Your password has been saved');
    await testApp.http.post('/api/auth/login').send({ email: 'governor@a.test', password: NEW_PASSWORD }).expect(200);
    await testApp.http
      .get(link)
      .expect(410)
      .expect(/expired or has already been used/);
  });

  it('answers the same for an unknown email, in Welsh too, and refuses a form without its CSRF token', async () => {
    const sent = await submit('/forgot-password', { email: 'nobody@a.test' }, [], 'cy');
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('mae dolen i ddewis cyfrinair newydd ar ei ffordd');
    expect(sent.text).toContain('<html lang="cy">');
    await testApp.http.post('/forgot-password').type('form').send({ email: 'governor@b.test' }).expect(403);
  });

  it('refuses a malformed email on the forgot-password form with 400, keeping what was typed', async () => {
    const refused = await submit('/forgot-password', { email: 'not-an-email' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('value="not-an-email"');
    expect(refused.text).not.toContain('a link to choose a new password is on its way');
  });

  it('refuses a link used in the meantime with 410 and the dead-link page, keeping the new password', async () => {
    await submit('/forgot-password', { email: 'staff@b.test' });
    const link = await linkFor('staff@b.test', 'reset');
    const page = await testApp.http.get(link).expect(200);
    const choose = (password: string) =>
      testApp.http
        .post(link)
        .set('Cookie', cookiesOf(page))
        .type('form')
        .send({ password, confirm: password, _csrf: csrfIn(page.text) });
    await choose(NEW_PASSWORD).expect(200);
    const again = await choose('yet-another-passphrase');
    expect(again.status).toBe(410);
    expect(again.text).toContain('This link has expired or has already been used.');
    await testApp.http.post('/api/auth/login').send({ email: 'staff@b.test', password: NEW_PASSWORD }).expect(200);
  });

  it('lets an invited person choose their first password from the invitation link (Welsh page)', async () => {
    await testApp.http
      .post('/api/users/invite')
      .set(bearer(world.a.dspToken))
      .send({ email: 'new-governor@a.test', role: 'governor', language: 'cy' })
      .expect(201);
    const link = await linkFor('new-governor@a.test', 'invite');
    const page = await testApp.http.get(link).set('Cookie', 'lang=cy').expect(200);
    expect(page.text).toContain('Dewiswch eich cyfrinair');
    const done = await submit(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, [], 'cy');
    expect(done.status).toBe(200);
    expect(done.text).toContain('Mae eich cyfrinair wedi');
    await testApp.http
      .post('/api/auth/login')
      .send({ email: 'new-governor@a.test', password: NEW_PASSWORD })
      .expect(200);
  });

  it('changes the signed-in user’s password, ending their other sessions but not this one', async () => {
    const loginPage = await testApp.http.get('/login');
    const signedIn = await testApp.http
      .post('/login')
      .set('Cookie', cookiesOf(loginPage))
      .type('form')
      .send({ email: 'dsp@b.test', password: PASSWORD, _csrf: csrfIn(loginPage.text) })
      .expect(303);
    const session = [...cookiesOf(loginPage).filter((c) => !c.startsWith('session=')), ...cookiesOf(signedIn)];
    const otherToken = (
      await testApp.http.post('/api/auth/login').send({ email: 'dsp@b.test', password: PASSWORD }).expect(200)
    ).body.token;
    await testApp.http
      .get('/account')
      .set('Cookie', session)
      .expect(200)
      .expect(/href="\/account\/password"/);
    const wrong = await submit(
      '/account/password',
      { current: 'not-my-password', password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      session,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('not your current password');
    const done = await submit(
      '/account/password',
      { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      session,
    );
    expect(done.status).toBe(200);
    const renewed = [...session.filter((c) => !c.startsWith('session=')), ...cookiesOf(done)];
    await testApp.http.get('/staff').set('Cookie', renewed).expect(200);
    await testApp.http.get('/staff').set('Cookie', session).expect(303);
    await testApp.http.get('/api/staff').set(bearer(otherToken)).expect(401);
  });
});
