import { ArgumentsHost, Catch, ConflictException, ExceptionFilter } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/** A unique index refused the row, on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const failure = error as QueryFailedError & { code?: string; driverError?: { code?: string } };
  return UNIQUE_VIOLATION.has(failure.driverError?.code ?? failure.code ?? '');
}

/**
 * Services check for duplicates first; this catches the race where two requests
 * pass that check together and the unique index refuses the second.
 */
@Catch(QueryFailedError)
export class DatabaseErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  catch(error: QueryFailedError, host: ArgumentsHost): void {
    if (isUniqueViolation(error)) return super.catch(new ConflictException('This record already exists'), host);
    return super.catch(error, host);
  }
}
