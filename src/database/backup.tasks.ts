import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../config/app.config';
import { backupSqlite } from './sqlite-backup';
import { dataPath } from '../common/data-dir';

/** The nightly SQLite backup (PostgreSQL is backed up with pg_dump outside the app). */
@Injectable()
export class BackupTasks {
  private readonly logger = new Logger(BackupTasks.name);

  constructor(private readonly config: ConfigService<AppConfig, true>) {}

  @Cron('15 2 * * *', { name: 'nightly-backup', timeZone: 'Europe/London' })
  async nightlyBackup(): Promise<void> {
    const database = this.config.get('database', { infer: true });
    if (database.type !== 'sqlite') return;
    try {
      const file = await backupSqlite(
        database.path,
        dataPath('backups'),
        this.config.get('backupKeep', { infer: true }),
      );
      this.logger.log(`Nightly backup written to ${file}`);
    } catch (error) {
      this.logger.error(`Nightly backup failed: ${(error as Error).message}`);
    }
  }
}
