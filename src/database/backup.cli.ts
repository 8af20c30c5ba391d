import 'reflect-metadata';
import { buildAppConfig } from '../config/app.config';
import { validateEnvironment } from '../config/environment';
import { backupSqlite, restoreSqlite } from './sqlite-backup';
import { dataPath } from '../common/data-dir';

/** `npm run backup` and `npm run restore -- FILE`, for the SQLite database in DATABASE_URL. */
async function main(): Promise<void> {
  const config = buildAppConfig(validateEnvironment(process.env));
  if (config.database.type !== 'sqlite') {
    throw new Error('DATABASE_URL is PostgreSQL: back it up with pg_dump and restore with pg_restore (see the README)');
  }
  const directory = dataPath('backups');
  const [command, file] = process.argv.slice(2);
  if (command === 'backup') {
    console.log(`Backed up to ${await backupSqlite(config.database.path, directory, config.backupKeep)}`);
  } else if (command === 'restore' && file) {
    const { keptAs } = restoreSqlite(file, config.database.path, directory);
    console.log(
      `Restored ${file} to ${config.database.path}${keptAs ? `; the database it replaced is kept as ${keptAs}` : ''}`,
    );
  } else {
    throw new Error('Usage: npm run backup | npm run restore -- FILE');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
