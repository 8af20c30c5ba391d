import { Body, Controller, Get, HttpException, Ip, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
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
import { LANGUAGE_COOKIE, sessionCookieOptions } from './web-session';
import { LoginDto } from '../auth/login.dto';
import { validateForm } from './forms';

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

@ApiExcludeController()
@Controller()
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
  home(@CurrentUser() user: AuthUser, @Res() response: Response): void {
    response.redirect(303, HOME[user.role](user));
  }

  @Public()
  @Get('login')
  loginPage(@Query('next') next: string | undefined, @Res() response: Response): void {
    response.render('pages/login', {
      title: 'login.title',
      user: null,
      next: safeNext(next),
      email: '',
      loginError: null,
      hwbEnabled: this.hwb.enabled,
    });
  }

  @Public()
  @Post('login')
  async login(@Body() body: Record<string, string>, @Ip() address: string, @Res() response: Response): Promise<void> {
    const email = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
    // The same checks as the API's login, before any work: no lookup, hash or failure count for junk.
    const form = await validateForm(LoginDto, { email: body.email, password: body.password });
    if (form.errors) {
      this.renderLoginFailure(response, 400, 'login.failed', email, body.next);
      return;
    }
    try {
      const { token } = await this.auth.login(form.dto, address);
      response.cookie(SESSION_COOKIE, token, sessionCookieOptions(this.secure));
      await this.forgetVisitLanguage(token, response);
      response.redirect(303, safeNext(body.next));
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() !== 401) throw error;
      this.renderLoginFailure(response, 401, 'login.failed', email, body.next);
    }
  }

  private renderLoginFailure(response: Response, status: number, message: string, email: string, next: unknown): void {
    response.status(status).render('pages/login', {
      title: 'login.title',
      user: null,
      next: safeNext(next),
      email,
      loginError: message,
      hwbEnabled: this.hwb.enabled,
    });
  }

  @Public()
  @Post('logout')
  async logout(@Req() request: Request, @Res() response: Response): Promise<void> {
    const token = request.cookies?.[SESSION_COOKIE] as string | undefined;
    if (token) await this.auth.revoke(token);
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.secure));
    response.redirect(303, '/login');
  }

  /**
   * The switch: the chosen language for this visit (a cookie that ends with the browser
   * session). A signed-in person changes their lasting language on their account page.
   */
  @Public()
  @Post('language')
  language(@Body() body: Record<string, string>, @Req() request: Request, @Res() response: Response): void {
    const lang = LANGUAGES.find((language) => language === body.lang) ?? 'en';
    response.cookie(LANGUAGE_COOKIE, lang, sessionCookieOptions(this.secure));
    response.redirect(303, safeNext(body.next ?? request.headers.referer));
  }

  /** Once signed in, an account that has a language uses it, not the choice made on the login page. */
  private async forgetVisitLanguage(token: string, response: Response): Promise<void> {
    const user = await this.auth.userForToken(token);
    if (user && (await this.accounts.languageOf(user)))
      response.clearCookie(LANGUAGE_COOKIE, sessionCookieOptions(this.secure));
  }
}
