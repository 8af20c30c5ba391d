import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ConflictException,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  PayloadTooLargeException,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { Request, Response } from 'express';
import { MulterError } from 'multer';
import { isUniqueViolation } from '../../database/unique-violation';
import { Language } from '../language';
import { BODY_LIMIT_LABEL } from '../body-limit';
import { isPageToShow } from './page-to-show';
import { problemsOf } from './field-errors';

export const TOO_LARGE_MESSAGE =
  `The request body is larger than the ${BODY_LIMIT_LABEL} limit: split a large import ` + `into smaller files`;

/** Errors from below the services, said in terms a caller can act on. */
function translate(error: unknown): unknown {
  // Our own refusals raised inside a body parser (too deep, not UTF-8) arrive as they were thrown.
  if (error instanceof HttpException) return error;
  if (isUniqueViolation(error)) return new ConflictException('This record already exists');
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return new PayloadTooLargeException(TOO_LARGE_MESSAGE);
  if (error instanceof MulterError) {
    return error.code === 'LIMIT_FILE_SIZE'
      ? new PayloadTooLargeException(TOO_LARGE_MESSAGE)
      : new BadRequestException(`The upload could not be read: ${error.message}`);
  }
  // The body parsers' own refusals (bad JSON, too deeply nested, bad charset) are the client's fault.
  const status = (error as { status?: number } | null)?.status;
  if (type && status && status >= 400 && status < 500)
    return new HttpException({ statusCode: status, message: (error as Error).message }, status);
  return error;
}

const PAGE_MESSAGES: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'error.400',
  [HttpStatus.FORBIDDEN]: 'error.403',
  [HttpStatus.NOT_FOUND]: 'error.404',
  [HttpStatus.CONFLICT]: 'error.409',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'error.413',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'error.500',
};

/** The page language, also for errors raised before the page middleware read the cookie. */
function languageOf(request: Request, response: Response): Language {
  if (response.locals.lang) return response.locals.lang;
  const chosen = /(?:^|;\s*)lang=(en|cy)(?:;|$)/.exec(request.headers.cookie ?? '')?.[1];
  if (chosen === 'en' || chosen === 'cy') return chosen;
  return /^cy\b/i.test(request.headers['accept-language'] ?? '') ? 'cy' : 'en';
}

/**
 * API errors stay JSON; pages get a sign-in redirect, a refused form drawn again, or an
 * error page instead, 500s included. A unique index refusing a row (two requests passing the duplicate check
 * at once) becomes the 409 the check would have given.
 */
@Catch()
export class AppExceptionFilter extends BaseExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionsHandler');

  catch(error: unknown, host: ArgumentsHost): void {
    const exception = translate(error);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (request.path.startsWith('/api') || host.getType() !== 'http' || response.headersSent) {
      super.catch(exception, host);
      return;
    }
    const status: number =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    // A refused sign-in brings its own page (401 with the login form); any other 401 means "sign in first".
    if (status === (HttpStatus.UNAUTHORIZED as number) && !isPageToShow(exception)) {
      response.redirect(303, `/login?next=${encodeURIComponent(request.originalUrl)}`);
      return;
    }
    if (status === (HttpStatus.INTERNAL_SERVER_ERROR as number))
      this.logger.error((exception as Error)?.message ?? String(exception), (exception as Error)?.stack);
    response.locals.lang = languageOf(request, response);
    const page = isPageToShow(exception)
      ? exception
      : {
          view: 'pages/error',
          model: {
            title: 'error.title',
            message: PAGE_MESSAGES[status] ?? 'error.title',
            // A coded refusal (verifying training already verified) says exactly why, above the general sentence.
            problems:
              exception instanceof HttpException ? (problemsOf(exception) ?? []).filter((found) => found.code) : [],
            limit: BODY_LIMIT_LABEL,
            user: (request as Request & { user?: unknown }).user ?? null,
          },
        };
    response.status(status).render(page.view, page.model, (renderError: Error | null, html?: string) => {
      // A page that cannot even render its error page still answers, in plain text.
      if (renderError) return response.type('text/plain').send('Sorry, something went wrong.');
      response.send(html);
    });
  }
}
