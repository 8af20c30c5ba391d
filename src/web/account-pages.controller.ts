import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { AppConfig } from '../config/app.config';
import { LANGUAGES } from '../common/language';
import { AccountLanguageService } from '../users/account-language.service';
import { formView } from './forms';
import { LANGUAGE_COOKIE, sessionCookieOptions } from './web-session';

/** Each signed-in person's own account: the language of their pages (and, for staff, their emails). */
@ApiExcludeController()
@Controller('account')
export class AccountPagesController {
  private readonly secure: boolean;

  constructor(
    private readonly accounts: AccountLanguageService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.secure = config.get('appUrl', { infer: true }).startsWith('https://');
  }

  @Get()
  async account(
    @CurrentUser() user: AuthUser,
    @Query('saved') saved: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const language = (await this.accounts.languageOf(user)) ?? '';
    this.render(user, response, formView({ language }), saved === '1');
  }

  @Post()
  async saveAccount(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @Res() response: Response,
  ): Promise<void> {
    const language = LANGUAGES.find((code) => code === body.language);
    if (!language) {
      const refused = [{ field: 'language', message: 'language must be en or cy' }];
      this.render(user, response.status(400), formView(body, refused, response.locals.lang));
      return;
    }
    await this.accounts.setLanguage(user, language);
    // The account's language now applies; a switch used earlier in the visit no longer overrides it.
    response.clearCookie(LANGUAGE_COOKIE, sessionCookieOptions(this.secure));
    response.redirect(303, '/account?saved=1');
  }

  private render(user: AuthUser, response: Response, form: ReturnType<typeof formView>, saved = false): void {
    response.render('pages/account', {
      title: 'account.title',
      user,
      languages: LANGUAGES,
      isStaff: user.role === 'staff',
      saved,
      ...form,
    });
  }
}
