import { createTestApp, login, TestApp } from './utils/create-test-app';
import { freePort, startOidcProvider, TestOidcProvider } from './utils/oidc-provider';

/**
 * A browser's part in the code flow, over plain HTTP: cookies per origin, redirects
 * followed by hand, and the provider's sign-in and consent forms submitted.
 */
class FlowWalker {
  private readonly jars = new Map<string, Map<string, string>>();
  /** The last URL on the app's side that the walk reached: the callback. */
  callbackUrl = '';

  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  /** Follows redirects and the provider's forms until the answer comes from `stopAt`'s origin. */
  async walk(url: string, login: string, stopAt: string): Promise<Response> {
    let response = await this.get(url);
    for (let step = 0; step < 12; step += 1) {
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, response.url || url).toString();
        if (next.startsWith(stopAt)) {
          this.callbackUrl = next;
          return this.get(next);
        }
        response = await this.get(next);
        url = next;
        continue;
      }
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt)
        throw new Error(`The provider answered ${response.status} without a form: ${html.slice(0, 300)}`);
      const fields = new URLSearchParams({ prompt, login, password: 'any' });
      response = await this.send(new URL(action, url).toString(), {
        method: 'POST',
        body: fields.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    }
    throw new Error('The sign-in flow did not come back');
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(header)) jar.delete(name.trim());
      else jar.set(name.trim(), value.join('='));
    }
    return response;
  }
}

describe('Sign in with Hwb (OpenID Connect)', () => {
  let provider: TestOidcProvider;
  let testApp: TestApp;
  let appUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider(`${appUrl}/login/hwb/callback`);
    testApp = await createTestApp({
      env: {
        APP_URL: appUrl,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
      },
    });
    await testApp.app.listen(port, '127.0.0.1');
    const admin = await login(testApp, 'admin@test.example', 'admin-password-for-tests');
    const school = await testApp.http
      .post('/api/schools')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Ysgol Hwb', kind: 'school' })
      .expect(201);
    await testApp.http
      .post('/api/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ email: 'dsp@hwb.example', password: 'a-long-dsp-password-here', role: 'dsp', schoolId: school.body.id })
      .expect(201);
  });

  afterAll(async () => {
    await testApp?.close();
    await provider?.close();
  });

  afterEach(async () => {
    await provider.setMode('normal');
  });

  async function signIn(loginAs: string, alterAuthorizationUrl?: (url: URL) => void) {
    const walker = new FlowWalker();
    const start = await walker.get(`${appUrl}/login/hwb`);
    expect(start.status).toBe(303);
    const authorizationUrl = new URL(start.headers.get('location')!);
    alterAuthorizationUrl?.(authorizationUrl);
    const callback = await walker.walk(authorizationUrl.toString(), loginAs, appUrl);
    return { walker, callback, authorizationUrl };
  }

  async function userCount(): Promise<number> {
    const [row] = await testApp.dataSource.query('SELECT COUNT(*) AS n FROM app_user');
    return Number(row.n);
  }

  describe('the login page', () => {
    it('offers the Hwb button when OIDC is configured', async () => {
      const page = await fetch(`${appUrl}/login`).then((response) => response.text());
      expect(page).toContain('href="/login/hwb"');
      expect(page).toContain('Sign in with Hwb');
    });

    it('hides it when OIDC is not configured', async () => {
      const plain = await createTestApp();
      try {
        const page = await plain.http.get('/login').expect(200);
        expect(page.text).not.toContain('/login/hwb');
        await plain.http.get('/login/hwb').expect(404);
      } finally {
        await plain.close();
      }
    });

    it('says so with 503, setting no transaction cookie, when the provider cannot be reached', async () => {
      const nobody = `http://127.0.0.1:${await freePort()}`;
      const unreachable = await createTestApp({
        env: { APP_URL: appUrl, OIDC_ISSUER: nobody, OIDC_CLIENT_ID: 'tracker', OIDC_CLIENT_SECRET: 'a-secret' },
      });
      try {
        const start = await unreachable.http.get('/login/hwb').expect(503);
        expect(start.text).toContain('Sign-in with Hwb is not available just now.');
        expect(String(start.headers['set-cookie'] ?? '')).not.toMatch(/(^|,)hwb=/);
      } finally {
        await unreachable.close();
      }
    });
  });

  describe('the authorization request', () => {
    it('uses the authorization code flow with PKCE (S256), a state and a nonce', async () => {
      const start = await fetch(`${appUrl}/login/hwb`, { redirect: 'manual' });
      const url = new URL(start.headers.get('location')!);
      expect(url.origin).toBe(provider.issuer);
      expect(url.searchParams.get('response_type')).toBe('code');
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
      expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
      expect(url.searchParams.get('scope')).toBe('openid email');
    });
  });

  describe('a verified email that matches an account', () => {
    it('signs in as that account and lands on its home page', async () => {
      const { walker, callback } = await signIn('dsp@hwb.example');
      expect(callback.status).toBe(303);
      expect(callback.headers.get('location')).toBe('/');
      expect(walker.cookie(appUrl, 'session')).toBeTruthy();
      const home = await walker.get(`${appUrl}/`);
      expect(home.headers.get('location')).toBe('/staff');
      const staffPage = await walker.get(`${appUrl}/staff`);
      expect(staffPage.status).toBe(200);
    });

    it('matches the email whatever its case', async () => {
      const { callback } = await signIn('DSP@Hwb.Example');
      expect(callback.status).toBe(303);
    });
  });

  describe('refusals, each with a page and no session', () => {
    it('refuses an email with no account here and creates none', async () => {
      const before = await userCount();
      const { walker, callback } = await signIn('stranger@hwb.example');
      expect(callback.status).toBe(403);
      expect(await callback.text()).toContain('There is no account here for your Hwb email address');
      expect(walker.cookie(appUrl, 'session')).toBeUndefined();
      expect(await userCount()).toBe(before);
    });

    it('refuses a disabled account, and signs it in again once re-enabled', async () => {
      const admin = await login(testApp, 'admin@test.example', 'admin-password-for-tests');
      const users = await testApp.http.get('/api/users').set('Authorization', `Bearer ${admin}`).expect(200);
      const dsp = (users.body as { id: number; email: string }[]).find((user) => user.email === 'dsp@hwb.example')!;
      const setDisabled = (disabled: boolean) =>
        testApp.http
          .patch(`/api/users/${dsp.id}`)
          .set('Authorization', `Bearer ${admin}`)
          .send({ disabled })
          .expect(200);
      await setDisabled(true);
      try {
        const { walker, callback } = await signIn('dsp@hwb.example');
        expect(callback.status).toBe(403);
        expect(walker.cookie(appUrl, 'session')).toBeUndefined();
      } finally {
        await setDisabled(false);
      }
      const { callback } = await signIn('dsp@hwb.example');
      expect(callback.status).toBe(303);
    });

    it('refuses an email the provider has not verified', async () => {
      const { walker, callback } = await signIn('unverified:dsp@hwb.example');
      expect(callback.status).toBe(403);
      expect(await callback.text()).toContain('Hwb did not confirm an email address');
      expect(walker.cookie(appUrl, 'session')).toBeUndefined();
    });

    it('refuses an ID token carrying another nonce', async () => {
      const { walker, callback } = await signIn('dsp@hwb.example', (url) =>
        url.searchParams.set('nonce', 'a-nonce-this-browser-never-sent'),
      );
      expect(callback.status).toBe(401);
      expect(await callback.text()).toContain('We could not confirm your sign-in with Hwb');
      expect(walker.cookie(appUrl, 'session')).toBeUndefined();
      // Refused or not, the transaction is spent: the callback clears its cookie.
      expect(walker.cookie(appUrl, 'hwb')).toBeUndefined();
    });

    it('refuses an ID token issued to another audience', async () => {
      await provider.setMode('wrong-audience');
      const { walker, callback } = await signIn('dsp@hwb.example');
      expect(callback.status).toBe(401);
      expect(walker.cookie(appUrl, 'session')).toBeUndefined();
    });

    it('refuses an expired ID token', async () => {
      await provider.setMode('expired');
      const { walker, callback } = await signIn('dsp@hwb.example');
      expect(callback.status).toBe(401);
      expect(walker.cookie(appUrl, 'session')).toBeUndefined();
    });

    it('refuses a callback whose state this browser did not start', async () => {
      const { authorizationUrl } = await signIn('dsp@hwb.example');
      const other = new FlowWalker();
      const callback = await other.walk(authorizationUrl.toString(), 'dsp@hwb.example', appUrl);
      expect(callback.status).toBe(401);
      expect(other.cookie(appUrl, 'session')).toBeUndefined();
    });

    it('refuses the same callback a second time (single use)', async () => {
      const { walker, callback } = await signIn('dsp@hwb.example');
      expect(callback.status).toBe(303);
      const replay = await walker.get(walker.callbackUrl);
      expect(replay.status).toBe(401);
    });
  });
});
