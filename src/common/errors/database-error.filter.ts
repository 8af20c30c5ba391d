import { ArgumentsHost, Catch, ConflictException, ExceptionFilter } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/**
 * Services check for duplicates first; this catches the race where two requests
 * pass that check together and the unique index refuses the second.
 */
@Catch(QueryFailedError)
export class DatabaseErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  catch(error: QueryFailedError & { code?: string; driverError?: { code?: string } }, host: ArgumentsHost): void {
    const code = error.driverError?.code ?? error.code;
    if (code && UNIQUE_VIOLATION.has(code)) {
      return super.catch(new ConflictException('This record already exists'), host);
    }
    return super.catch(error, host);
  }
}
