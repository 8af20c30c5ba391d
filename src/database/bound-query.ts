import { EntityManager } from 'typeorm';

/**
 * Runs SQL written with `?` placeholders (and no other question mark), the values bound
 * rather than written into the text, on SQLite and PostgreSQL.
 *
 * For a statement run many times with different numbers. TypeORM's SQLite driver writes
 * numbers into the SQL itself, so a query builder's text differs for every id: each call
 * prepares a new statement, and each statement's memory, outside the JavaScript heap, is
 * freed only when the garbage collector gets round to it. The benchmark's reminder run
 * (a few statements per email, 29,110 emails) held about 60 MB that way. Bound, the text
 * is the same every time and TypeORM's statement cache prepares it once.
 */
export function boundQuery<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T> {
  let index = 0;
  const text = manager.connection.driver.options.type === 'postgres' ? sql.replace(/\?/g, () => `$${++index}`) : sql;
  return manager.query<T>(text, parameters);
}

/** `?, ?, ?` for a list of values, e.g. for `IN (...)`. */
export function placeholdersFor(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}
