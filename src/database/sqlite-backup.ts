import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MIGRATIONS } from './migrations';

const BACKUP_NAME = /^tracker-\d{8}-\d{6}(-\d+)?\.sqlite$/;

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API
 * (safe while the server writes), kept with the last `keep` copies.
 */
export async function backupSqlite(
  databasePath: string,
  directory: string,
  keep: number,
  now = new Date(),
): Promise<string> {
  mkdirSync(directory, { recursive: true });
  let target = join(directory, `tracker-${stamp(now)}.sqlite`);
  for (let suffix = 1; existsSync(target); suffix += 1)
    target = join(directory, `tracker-${stamp(now)}-${suffix}.sqlite`);
  const source = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  pruneBackups(directory, keep);
  return target;
}

/** Keeps the newest `keep` backups; names sort by time. */
export function pruneBackups(directory: string, keep: number): string[] {
  const backups = readdirSync(directory)
    .filter((name) => BACKUP_NAME.test(name))
    .sort();
  const removed = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of removed) rmSync(join(directory, name));
  return removed;
}

/** Why a file cannot be restored, or null when it opens, is intact and matches this version's migrations. */
export function restoreProblem(file: string): string | null {
  if (!existsSync(file)) return `${file} does not exist`;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `${basename(file)} is damaged: ${String(integrity)}`;
    const applied = (db.prepare('SELECT name FROM migrations ORDER BY id').all() as { name: string }[]).map(
      (row) => row.name,
    );
    const expected = MIGRATIONS.map((migration) => migration.name);
    if (applied.join() !== expected.join()) {
      return `${basename(file)} has migrations [${applied.join(', ')}] but this version has [${expected.join(', ')}]`;
    }
    return null;
  } catch (error) {
    return `${basename(file)} is not a tracker database: ${(error as Error).message}`;
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database with a checked backup. The server must be stopped; the
 * database it replaces is kept beside the backups first, so a restore can be undone.
 */
export function restoreSqlite(
  file: string,
  databasePath: string,
  backupDirectory: string,
  now = new Date(),
): { keptAs: string | null } {
  const problem = restoreProblem(file);
  if (problem) throw new Error(problem);
  let keptAs: string | null = null;
  if (existsSync(databasePath)) {
    mkdirSync(backupDirectory, { recursive: true });
    keptAs = join(backupDirectory, `before-restore-${stamp(now)}.sqlite`);
    const current = new Database(databasePath, { fileMustExist: true });
    // Folds the write-ahead log into the file so the copy kept is complete.
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    copyFileSync(databasePath, keptAs);
  }
  mkdirSync(dirname(databasePath), { recursive: true });
  const incoming = `${databasePath}.restoring`;
  copyFileSync(file, incoming);
  for (const leftover of [`${databasePath}-wal`, `${databasePath}-shm`]) rmSync(leftover, { force: true });
  renameSync(incoming, databasePath);
  return { keptAs };
}
