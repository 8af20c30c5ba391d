import {
  Body,
  Get,
  Headers,
  HttpException,
  HttpStatus,
  Ip,
  Post,
  Query,
  Redirect,
  Render,
  Req,
  Res,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Request, Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { HwbSignInService } from '../auth/hwb/hwb-sign-in.service';
import { CurrentUser, Public } from '../auth/decorators';
import { AppConfig } from '../config/app.config';
import { LANGUAGES } from '../common/language';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { AccountLanguageService } from '../users/account-language.service';
import { cookie, LANGUAGE_COOKIE, sessionCookieOptions } from './web-session';
import { LoginDto } from '../auth/login.dto';
import { validateForm } from './forms';
import { RefusedForm } from './refused-form';
import { PageController } from './page-controller.decorator';

const LOGIN_VIEW = 'pages/login';

/** Only same-site paths after sign-in, never another host. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-/?=&.%]*$/.test(next) ? next : '/';
}

const HOME: Record<AuthUser['role'], (user: AuthUser) => string> = {
  admin: () => '/admin',
  dsp: () => '/staff',
  governor: (user) => `/schools/${user.schoolId}/summary`,
  staff: () => '/me',
};

/**
 * Signing in and out, and the language switch. Handlers that set or clear a cookie take the
 * response for that alone (`passthrough`); each one renders or redirects, and a refused
 * sign-in is thrown as the login page again (400 for a malformed form, 401 for a wrong password).
 */
@PageController()
export class AuthPagesController {
  private readonly secure: boolean;

  constructor(
    private readonly auth: AuthService,
    private readonly hwb: HwbSignInService,
    private readonly accounts: AccountLanguageService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.secure = config.get('appUrl', { infer: true }).startsWith('https://');
  }

  @Get()
  @Redirect(undefined, 303)
  home(@CurrentUser() user: AuthUser) {
    return { url: HOME[user.role](user) };
  }

  @Public()
  @Get('login')
  @Render(LOGIN_VIEW)
  loginPage(@Query('next') next: string | undefined) {
    return this.loginModel('', null, next);
  }

  @Public()
  @Post('login')
  @Redirect(undefined, 303)
  async login(
    @Body() body: Record<string, string>,
    @Ip() address: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ url: string }> {
    const email = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
    // The same checks as the API's login, before any work: no lookup, hash or failure count for junk.
    const form = await validateForm(LoginDto, { email: body.email, password: body.password });
    if (form.errors) throw new RefusedForm(LOGIN_VIEW, this.loginModel(email, 'login.failed', body.next));
    const token = await this.auth.login(form.dto, address).then(
      (session) => session.token,
      (error: unknown) => {
        if (!(error instanceof HttpException) || error.getStatus() !== 401) throw error;
        throw new RefusedForm(LOGIN_VIEW, this.loginModel(email, 'login.failed', body.next), HttpStatus.UNAUTHORIZED);
      },
    );
    response.cookie(SESSION_COOKIE, token, sessionCookieOptions(this.secure));
    await this.forgetVisitLanguage(token, response);
    return { url: safeNext(body.next) };
  }

  @Public()
  @Post('logout')
  @Redirect('/login', 303)
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = cookie(request, SESSION_COOKIE);
    if (token) await this.auth.revoke(token);
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.secure));
  }

  /**
   * The switch: the chosen language for this visit (a cookie that ends with the browser
   * session). A signed-in person changes their lasting language on their account page.
   */
  @Public()
  @Post('language')
  @Redirect(undefined, 303)
  language(
    @Body() body: Record<string, string>,
    @Headers('referer') referer: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const lang = LANGUAGES.find((language) => language === body.lang) ?? 'en';
    response.cookie(LANGUAGE_COOKIE, lang, sessionCookieOptions(this.secure));
    return { url: safeNext(body.next ?? referer) };
  }

  private loginModel(email: string, loginError: string | null, next: unknown) {
    return { title: 'login.title', user: null, next: safeNext(next), email, loginError, hwbEnabled: this.hwb.enabled };
  }

  /** Once signed in, an account that has a language uses it, not the choice made on the login page. */
  private async forgetVisitLanguage(token: string, response: Response): Promise<void> {
    const user = await this.auth.userForToken(token);
    if (user && (await this.accounts.languageOf(user)))
      response.clearCookie(LANGUAGE_COOKIE, sessionCookieOptions(this.secure));
  }
}
