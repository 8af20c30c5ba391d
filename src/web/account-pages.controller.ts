import { Body, Get, Post, Query, Redirect, Render, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { AppConfig } from '../config/app.config';
import { Language, LANGUAGES } from '../common/language';
import { AccountLanguageService } from '../users/account-language.service';
import { formView } from './forms';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { LANGUAGE_COOKIE, sessionCookieOptions } from './web-session';
import { PageController } from './page-controller.decorator';

const VIEW = 'pages/account';

/** Each signed-in person's own account: the language of their pages (and, for staff, their emails). */
@PageController('account')
export class AccountPagesController {
  private readonly secure: boolean;

  constructor(
    private readonly accounts: AccountLanguageService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.secure = config.get('appUrl', { infer: true }).startsWith('https://');
  }

  @Get()
  @Render(VIEW)
  async account(@CurrentUser() user: AuthUser, @Query('saved') saved: string | undefined) {
    const language = (await this.accounts.languageOf(user)) ?? '';
    return this.page(user, formView({ language }), saved === '1');
  }

  /** The response only to clear the visit's language cookie. */
  @Post()
  @Redirect('/account?saved=1', 303)
  async saveAccount(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @PageLanguage() pageLanguage: Language,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const language = LANGUAGES.find((code) => code === body.language);
    if (!language) {
      const refused = [{ field: 'language', message: 'language must be en or cy' }];
      throw new RefusedForm(VIEW, this.page(user, formView(body, refused, pageLanguage)));
    }
    await this.accounts.setLanguage(user, language);
    // The account's language now applies; a switch used earlier in the visit no longer overrides it.
    response.clearCookie(LANGUAGE_COOKIE, sessionCookieOptions(this.secure));
  }

  private page(user: AuthUser, form: ReturnType<typeof formView>, saved = false) {
    return { title: 'account.title', user, languages: LANGUAGES, isStaff: user.role === 'staff', saved, ...form };
  }
}
