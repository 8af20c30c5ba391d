import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Response } from 'express';
import { Language } from '../common/language';

/**
 * The language this page is written in: the visit's choice, else the account's, else the
 * browser's (set on `response.locals.lang` before the handler runs, by the web set-up and
 * PageLanguageInterceptor). Lets a handler `@Render` a plain object without taking `@Res()`.
 */
export const PageLanguage = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Language => context.switchToHttp().getResponse<Response>().locals.lang,
);
