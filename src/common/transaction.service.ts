import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app.config';
import { pauseIfArmed } from './crash-test-pause';

// One queue per SQLite file in this process, shared by every app instance that opens it.
const sqliteWriters = new Map<string, Mutex>();

/**
 * Runs work in one database transaction. TypeORM's SQLite drivers share a single
 * connection, so two overlapping transactions would silently nest as savepoints;
 * SQLite allows one writer at a time anyway, so writes queue here instead. (Its busy
 * wait is synchronous, so two connections in one process must not wait on each other.)
 */
@Injectable()
export class TransactionService {
  private readonly sqliteWriter?: Mutex;
  private readonly crashTestPauseDir: string | null;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<AppConfig, true>,
  ) {
    this.crashTestPauseDir = config.get('crashTestPauseDir', { infer: true });
    if (dataSource.options.type !== 'postgres') {
      const file = String(dataSource.options.database);
      if (!sqliteWriters.has(file)) sqliteWriters.set(file, new Mutex());
      this.sqliteWriter = sqliteWriters.get(file);
    }
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const pauseDir = this.crashTestPauseDir;
    const inTransaction = () =>
      this.dataSource.transaction(
        pauseDir === null
          ? work
          : async (manager) => {
              const result = await work(manager);
              await pauseIfArmed(pauseDir);
              return result;
            },
      );
    return this.sqliteWriter ? this.sqliteWriter.runExclusive(inTransaction) : inTransaction();
  }
}
