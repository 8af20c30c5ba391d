import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one database transaction. TypeORM's SQLite drivers share a single
 * connection, so two overlapping transactions would silently nest as savepoints;
 * SQLite allows one writer at a time anyway, so writes queue here instead.
 */
@Injectable()
export class TransactionService {
  private readonly sqliteWriter = new Mutex();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const inTransaction = () => this.dataSource.transaction(work);
    if (this.dataSource.options.type === 'postgres') return inTransaction();
    return this.sqliteWriter.runExclusive(inTransaction);
  }
}
