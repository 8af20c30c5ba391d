import { spawnSync } from 'node:child_process';
import { createTestApp, dropDatabase, freshDatabaseUrl } from './utils/create-test-app';
import { nodeArgsFor, TS_NODE_ENV } from './utils/node-entry';
import { ServerProcess, signIn, startServerProcess } from './utils/server-process';

const DEMO_ADMIN = { email: 'admin@demo.example', password: 'demo-password-2026' };

/** Starts src/main.ts as a real process, as `npm start` would, and waits for it to exit. */
function startWith(env: Record<string, string>) {
  return spawnSync(process.execPath, nodeArgsFor('src/main.ts'), {
    env: { ...process.env, ...TS_NODE_ENV, SEED_DEMO: '0', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function demoAdminStatus(server: ServerProcess): Promise<number> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(DEMO_ADMIN),
  });
  return response.status;
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

describe('server start with bad configuration', () => {
  it.each([
    ['PORT', 'not-a-port'],
    ['DATABASE_URL', 'mysql://nowhere/db'],
    ['TRUST_PROXY', 'true'],
  ])('exits 1 with a one-line message naming %s', (name, value) => {
    const result = startWith({ [name]: value });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
  });
});

describe('the demo school and production', () => {
  // Unset in the server's environment: an empty variable counts as not set.
  const unset = { SEED_DEMO: '', ADMIN_EMAIL: '', ADMIN_PASSWORD: '', NODE_ENV: '' };

  it('loads the demo on a fresh database when nothing says this is a real install', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const server = await startServerProcess({ ...unset, DATABASE_URL: databaseUrl });
    await expect(signIn(server, DEMO_ADMIN.email, DEMO_ADMIN.password)).resolves.toEqual(expect.any(String));
    await stop(server);
    await dropDatabase(databaseUrl);
  }, 90_000);

  it.each<[string, Record<string, string>]>([
    ['ADMIN_EMAIL is set', { ADMIN_EMAIL: 'head@school.example', ADMIN_PASSWORD: 'a-real-admin-password' }],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
  ])(
    'does not load the demo when %s, unless SEED_DEMO=1',
    async (_case, env) => {
      const databaseUrl = await freshDatabaseUrl();
      const server = await startServerProcess({ ...unset, ...env, DATABASE_URL: databaseUrl });
      await expect(demoAdminStatus(server)).resolves.toBe(401);
      if (env.ADMIN_EMAIL) await expect(signIn(server, env.ADMIN_EMAIL, env.ADMIN_PASSWORD)).resolves.toBeTruthy();
      await stop(server);
      await dropDatabase(databaseUrl);
    },
    90_000,
  );

  it('loads the demo with ADMIN_EMAIL set when SEED_DEMO=1 asks for it', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const server = await startServerProcess({
      ...unset,
      SEED_DEMO: '1',
      ADMIN_EMAIL: 'head@school.example',
      ADMIN_PASSWORD: 'a-real-admin-password',
      DATABASE_URL: databaseUrl,
    });
    await expect(demoAdminStatus(server)).resolves.toBe(200);
    await stop(server);
    await dropDatabase(databaseUrl);
  }, 90_000);

  it('refuses to start with NODE_ENV=production while a demo account can sign in, naming the fix', async () => {
    const seeded = await createTestApp({ seedDemo: true });
    await seeded.app.close();
    const result = startWith({ ...unset, NODE_ENV: 'production', DATABASE_URL: seeded.databaseUrl });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/NODE_ENV=production.*admin@demo\.example.*SEED_DEMO=0/);
    await dropDatabase(seeded.databaseUrl);
  }, 90_000);

  it('starts with NODE_ENV=production once the demo accounts are disabled', async () => {
    const seeded = await createTestApp({ seedDemo: true });
    await seeded.dataSource.query(
      `UPDATE app_user SET disabled = ${seeded.databaseUrl.startsWith('sqlite:') ? 1 : 'true'}`,
    );
    await seeded.app.close();
    const server = await startServerProcess({ ...unset, NODE_ENV: 'production', DATABASE_URL: seeded.databaseUrl });
    await expect(demoAdminStatus(server)).resolves.toBe(401);
    await stop(server);
    await dropDatabase(seeded.databaseUrl);
  }, 90_000);
});
