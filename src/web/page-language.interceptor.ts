import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { AuthUser } from '../auth/auth-user';
import { AccountLanguageService } from '../users/account-language.service';
import { visitLanguage } from './web-session';

/**
 * A signed-in person's pages follow their account's language (staff: their staff
 * record's), unless they used the switch during this visit. Runs after the auth guard,
 * which is the first point the person is known.
 */
@Injectable()
export class PageLanguageInterceptor implements NestInterceptor {
  constructor(private readonly accounts: AccountLanguageService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const response = context.switchToHttp().getResponse<Response>();
    // The page middleware has set the visit's language (see PageController for where this runs).
    if (response.locals.lang !== undefined && request.user && !visitLanguage(request)) {
      const language = await this.accounts.languageOf(request.user);
      if (language) response.locals.lang = language;
    }
    return next.handle();
  }
}
