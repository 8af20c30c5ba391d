import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Starts src/main.ts as a real process, as `npm start` would, with a bad variable. */
function startWith(env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'main.ts')],
    {
      env: { ...process.env, SEED_DEMO: '0', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

describe('server start with bad configuration', () => {
  it.each([
    ['PORT', 'not-a-port'],
    ['DATABASE_URL', 'mysql://nowhere/db'],
  ])('exits 1 with a one-line message naming %s', async (name, value) => {
    const result = startWith({ [name]: value });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
  });
});
