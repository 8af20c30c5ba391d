import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/** A unique index refused the row, on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const failure = error as QueryFailedError & { code?: string; driverError?: { code?: string } };
  return UNIQUE_VIOLATION.has(failure.driverError?.code ?? failure.code ?? '');
}
