import { buildAppConfig } from './app.config';
import { validateEnvironment } from './environment';

describe(validateEnvironment.name, () => {
  it('accepts an empty environment and fills the contract’s defaults', () => {
    const config = buildAppConfig(validateEnvironment({}));
    expect(config).toMatchObject({
      port: 3000,
      database: { type: 'sqlite', path: 'data/tracker.sqlite' },
      smtpUrl: null,
      appUrl: 'http://localhost:3000',
      today: null,
      seedDemo: true,
    });
  });

  it('reads PostgreSQL and SQLite URLs', () => {
    expect(buildAppConfig(validateEnvironment({ DATABASE_URL: 'postgres://u:p@127.0.0.1/db' })).database).toEqual({
      type: 'postgres',
      url: 'postgres://u:p@127.0.0.1/db',
    });
    expect(buildAppConfig(validateEnvironment({ DATABASE_URL: 'sqlite:/tmp/x.sqlite', SEED_DEMO: '0' }))).toMatchObject(
      { database: { type: 'sqlite', path: '/tmp/x.sqlite' }, seedDemo: false },
    );
  });

  describe('SEED_DEMO', () => {
    const seedDemo = (env: Record<string, string>) => buildAppConfig(validateEnvironment(env)).seedDemo;
    it('loads the demo by default, and not once ADMIN_EMAIL or NODE_ENV=production says this is a real install', () => {
      expect(seedDemo({})).toBe(true);
      expect(seedDemo({ NODE_ENV: 'development' })).toBe(true);
      expect(seedDemo({ ADMIN_EMAIL: 'head@school.example' })).toBe(false);
      expect(seedDemo({ NODE_ENV: 'production' })).toBe(false);
    });
    it('follows SEED_DEMO when it is set explicitly', () => {
      expect(seedDemo({ SEED_DEMO: '1', ADMIN_EMAIL: 'head@school.example', NODE_ENV: 'production' })).toBe(true);
      expect(seedDemo({ SEED_DEMO: '0' })).toBe(false);
    });
  });

  it('reads TRUST_PROXY as a hop count or a list of proxies', () => {
    expect(buildAppConfig(validateEnvironment({})).trustProxy).toBeNull();
    expect(buildAppConfig(validateEnvironment({ TRUST_PROXY: '1' })).trustProxy).toBe(1);
    expect(buildAppConfig(validateEnvironment({ TRUST_PROXY: 'loopback, 10.0.0.0/8' })).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
  });

  it.each([
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', 'everyone'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['TODAY', '2026-02-30'],
    ['SEED_DEMO', 'yes'],
    ['SMTP_URL', 'http://mail'],
    ['ADMIN_PASSWORD', 'short'],
    ['ADMIN_PASSWORD', 'password1234'],
    ['ADMIN_PASSWORD', ' '.repeat(14)],
  ])('stops on a bad %s with one line naming it', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`^Configuration error: ${name} `));
  });
});

describe('Hwb sign-in configuration', () => {
  it('is off when no OIDC variable is set', () => {
    expect(buildAppConfig(validateEnvironment({})).oidc).toBeNull();
  });

  it('is on with all three variables', () => {
    const env = { OIDC_ISSUER: 'https://login.example', OIDC_CLIENT_ID: 'tracker', OIDC_CLIENT_SECRET: 'secret' };
    expect(buildAppConfig(validateEnvironment(env)).oidc).toEqual({
      issuer: 'https://login.example',
      clientId: 'tracker',
      clientSecret: 'secret',
    });
  });

  it('refuses half a configuration, naming what is missing', () => {
    expect(() => validateEnvironment({ OIDC_ISSUER: 'https://login.example' })).toThrow(
      /OIDC_CLIENT_ID, OIDC_CLIENT_SECRET must be set too/,
    );
    expect(() =>
      validateEnvironment({ OIDC_ISSUER: 'login.example', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }),
    ).toThrow(/OIDC_ISSUER must be the provider URL/);
  });
});
