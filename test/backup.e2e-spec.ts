import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupSqlite, pruneBackups, restoreProblem, restoreSqlite } from '../src/database/sqlite-backup';
import { buildStaff } from './factories/world';
import { ADMIN, createTestApp, login } from './utils/create-test-app';
import { nodeArgsFor, TS_NODE_ENV } from './utils/node-entry';
import { bearer } from './utils/use-world';

function runCli(args: string[], env: Record<string, string>, cwd: string) {
  return spawnSync(process.execPath, [...nodeArgsFor('src/database/backup.cli.ts'), ...args], {
    cwd,
    env: { ...process.env, ...TS_NODE_ENV, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const staffCount = (file: string) =>
  (new Database(file, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM staff_member').get() as { n: number }).n;

/** The staff ids in a database file, and the ids its change log records as created. */
function snapshotOf(file: string): { staffIds: number[]; loggedStaffIds: number[] } {
  const db = new Database(file, { readonly: true });
  const ids = (sql: string) => (db.prepare(sql).all() as { id: number }[]).map((row) => row.id);
  const snapshot = {
    staffIds: ids('SELECT id FROM staff_member ORDER BY id'),
    loggedStaffIds: ids(
      `SELECT "entityId" AS id FROM change_log WHERE entity = 'staff' AND action = 'create' ORDER BY 1`,
    ),
  };
  db.close();
  return snapshot;
}

describe('backups and restore (SQLite)', () => {
  // The backup API works on SQLite files; PostgreSQL uses pg_dump.
  const sqliteOnly = process.env.TEST_DATABASE_URL ? it.skip : it;
  const folder = () => mkdtempSync(join(tmpdir(), 'backups-'));

  sqliteOnly('takes a consistent copy while the server is writing, and restores it', async () => {
    const testApp = await createTestApp();
    const databasePath = testApp.databaseUrl.slice('sqlite:'.length);
    const token = await login(testApp, ADMIN.email, ADMIN.password);
    const { body: school } = await testApp.http
      .post('/api/schools')
      .set(bearer(token))
      .send({ name: 'Backed-up school' })
      .expect(201);
    const directory = folder();
    const addStaff = () => testApp.http.post('/api/staff').set(bearer(token)).send(buildStaff(school.id)).expect(201);
    for (let index = 0; index < 5; index += 1) await addStaff();
    const writes = Array.from({ length: 20 }, addStaff);
    const [backup] = await Promise.all([backupSqlite(databasePath, directory, 5), ...writes]);
    expect(restoreProblem(backup)).toBeNull();
    // Consistent: every write is in the copy whole (the member with its change-log row) or not at all,
    // and the copy holds all the writes before the backup began.
    const copy = snapshotOf(backup);
    expect(copy.staffIds).toEqual(copy.loggedStaffIds);
    expect(copy.staffIds.length).toBeGreaterThanOrEqual(5);
    expect(copy.staffIds.length).toBeLessThanOrEqual(25);
    const later = await backupSqlite(databasePath, directory, 5);
    expect(staffCount(later)).toBe(25);
    await testApp.close();

    const restoredPath = join(folder(), 'tracker.sqlite');
    restoreSqlite(later, restoredPath, directory);
    const restored = await createTestApp({ env: { DATABASE_URL: `sqlite:${restoredPath}` } });
    const { body } = await restored.http
      .get(`/api/staff?schoolId=${school.id}`)
      .set(bearer(await login(restored, ADMIN.email, ADMIN.password)))
      .expect(200);
    expect(body).toHaveLength(25);
    await restored.close();
  });

  sqliteOnly('keeps the database it replaces, and refuses files that do not fit', async () => {
    const testApp = await createTestApp();
    const databasePath = testApp.databaseUrl.slice('sqlite:'.length);
    await testApp.close();
    const directory = folder();
    const backup = await backupSqlite(databasePath, directory, 5);
    const target = join(folder(), 'tracker.sqlite');
    copyFileSync(databasePath, target);
    const { keptAs } = restoreSqlite(backup, target, directory);
    expect(keptAs && existsSync(keptAs)).toBe(true);

    const older = join(folder(), 'older.sqlite');
    copyFileSync(backup, older);
    const db = new Database(older);
    db.prepare('DELETE FROM migrations WHERE id = (SELECT MAX(id) FROM migrations)').run();
    db.close();
    expect(restoreProblem(older)).toMatch(/has migrations .* but this version has/);
    expect(() => restoreSqlite(older, target, directory)).toThrow(/migrations/);
    const text = join(folder(), 'notes.sqlite');
    writeFileSync(text, 'not a database');
    expect(restoreProblem(text)).toMatch(/not a tracker database/);
    expect(restoreProblem(join(directory, 'missing.sqlite'))).toMatch(/does not exist/);
  });

  it('keeps only the newest backups', () => {
    const directory = folder();
    for (const name of [
      'tracker-20261120-020000.sqlite',
      'tracker-20261121-020000.sqlite',
      'tracker-20261122-020000.sqlite',
      'notes.txt',
    ])
      writeFileSync(join(directory, name), '');
    expect(pruneBackups(directory, 2)).toEqual(['tracker-20261120-020000.sqlite']);
    expect(readdirSync(directory).sort()).toEqual([
      'notes.txt',
      'tracker-20261121-020000.sqlite',
      'tracker-20261122-020000.sqlite',
    ]);
  });

  sqliteOnly('runs as npm run backup and npm run restore -- FILE', async () => {
    const testApp = await createTestApp();
    await testApp.close();
    const cwd = folder();
    const env = { DATABASE_URL: testApp.databaseUrl, BACKUP_KEEP: '3' };
    const backup = runCli(['backup'], env, cwd);
    expect(backup.status).toBe(0);
    const file = /Backed up to (\S+)/.exec(backup.stdout)![1];
    expect(readdirSync(join(cwd, 'data', 'backups'))).toHaveLength(1);
    const restore = runCli(['restore', join(cwd, file)], env, cwd);
    expect(restore.status).toBe(0);
    expect(restore.stdout).toContain('Restored');
    const refused = runCli(['restore', join(cwd, 'nothing.sqlite')], env, cwd);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('does not exist');
  });

  it('points PostgreSQL users to pg_dump', () => {
    const result = runCli(['backup'], { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' }, folder());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('pg_dump');
  });
});
