import { join } from 'node:path';

/**
 * The folder, relative to the working directory, where the app keeps its own files by
 * default: the SQLite database, the signing key, SQLite backups and the mail outbox.
 */
export const DATA_DIR = 'data';

/** A path inside DATA_DIR. */
export function dataPath(...parts: string[]): string {
  return join(DATA_DIR, ...parts);
}
