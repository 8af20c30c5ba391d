import {
  ArgumentsHost,
  Catch,
  ConflictException,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  PayloadTooLargeException,
} from '@nestjs/common';
import { BODY_LIMIT } from '../body-limit';
import { BaseExceptionFilter } from '@nestjs/core';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/** A unique index refused the row, on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const failure = error as QueryFailedError & { code?: string; driverError?: { code?: string } };
  return UNIQUE_VIOLATION.has(failure.driverError?.code ?? failure.code ?? '');
}

/** Errors from below the services, said in terms a caller can act on. */
function translate(error: unknown): unknown {
  if (isUniqueViolation(error)) return new ConflictException('This record already exists');
  if ((error as { type?: string })?.type === 'entity.too.large') {
    return new PayloadTooLargeException(
      `The request body is larger than the ${BODY_LIMIT} limit: split a large import into smaller files`,
    );
  }
  return error;
}

/**
 * API errors stay JSON; pages get a sign-in redirect or an error page instead.
 * A unique index refusing a row (two requests passing the duplicate check at once)
 * becomes the 409 the check would have given.
 */
@Catch()
export class AppExceptionFilter extends BaseExceptionFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const exception = translate(error);
    const request = host.switchToHttp().getRequest<Request>();
    if (request.path.startsWith('/api') || host.getType() !== 'http') return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<Response>();
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status === HttpStatus.UNAUTHORIZED)
      return response.redirect(303, `/login?next=${encodeURIComponent(request.originalUrl)}`);
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) return super.catch(exception, host);
    const message =
      status === HttpStatus.FORBIDDEN ? 'error.403' : status === HttpStatus.NOT_FOUND ? 'error.404' : 'error.title';
    response
      .status(status)
      .render('pages/error', {
        title: 'error.title',
        message,
        user: (request as Request & { user?: unknown }).user ?? null,
      });
  }
}
