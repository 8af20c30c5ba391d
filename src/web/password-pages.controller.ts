import { Body, Controller, Get, HttpCode, Ip, Param, Post, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { AccountTokenPurpose } from '../auth/account-token.entity';
import { AccountTokensService } from '../auth/account-tokens.service';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public } from '../auth/decorators';
import { ChangePasswordDto, LinkPasswordDto, PasswordResetRequestDto } from '../accounts/password.dto';
import { PasswordsService } from '../accounts/passwords.service';
import { FieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { AppConfig } from '../config/app.config';
import { formErrorsFrom, formView, validateForm } from './forms';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { sessionCookieOptions } from './web-session';

const LINK_PAGES: Record<AccountTokenPurpose, { path: string; title: string; intro: string }> = {
  invite: { path: 'invite', title: 'password.inviteTitle', intro: 'password.inviteIntro' },
  reset: { path: 'reset', title: 'password.resetTitle', intro: 'password.resetIntro' },
};

/** The pages behind the emailed links, "forgot my password", and changing one's own password. */
@ApiExcludeController()
@Controller()
export class PasswordPagesController {
  private readonly secure: boolean;

  constructor(
    private readonly passwords: PasswordsService,
    private readonly links: AccountTokensService,
    private readonly transactions: TransactionService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.secure = config.get('appUrl', { infer: true }).startsWith('https://');
  }

  @Public()
  @Get('forgot-password')
  forgotForm(@Res() response: Response): void {
    response.render('pages/forgot-password', {
      title: 'password.forgotTitle',
      user: null,
      sent: false,
      ...formView({}),
    });
  }

  /** The same answer whether or not the account exists. */
  @Public()
  @Post('forgot-password')
  @HttpCode(200)
  async forgot(@Body() body: Record<string, string>, @Res() response: Response): Promise<void> {
    const form = await validateForm(PasswordResetRequestDto, { email: String(body.email ?? '').trim() });
    if (form.errors) {
      const view = formView({ email: body.email }, form.errors, response.locals.lang);
      response.status(400).render('pages/forgot-password', { title: 'password.forgotTitle', user: null, ...view });
      return;
    }
    await this.passwords.requestReset(form.dto.email);
    response.render('pages/forgot-password', {
      title: 'password.forgotTitle',
      user: null,
      sent: true,
      ...formView({}),
    });
  }

  @Public()
  @Get('invite/:token')
  inviteForm(@Param('token') token: string, @Res() response: Response): Promise<void> {
    return this.linkForm('invite', token, response);
  }

  @Public()
  @Post('invite/:token')
  @HttpCode(200)
  invite(@Param('token') token: string, @Body() body: Record<string, string>, @Res() response: Response) {
    return this.chooseFromLink('invite', token, body, response);
  }

  @Public()
  @Get('reset/:token')
  resetForm(@Param('token') token: string, @Res() response: Response): Promise<void> {
    return this.linkForm('reset', token, response);
  }

  @Public()
  @Post('reset/:token')
  @HttpCode(200)
  reset(@Param('token') token: string, @Body() body: Record<string, string>, @Res() response: Response) {
    return this.chooseFromLink('reset', token, body, response);
  }

  @Get('account/password')
  changeForm(@CurrentUser() user: AuthUser, @Res() response: Response): void {
    response.render('pages/change-password', { title: 'password.changeTitle', user, ...formView({}) });
  }

  /** Every other session ends; this browser gets a new one. */
  @Post('account/password')
  @HttpCode(200)
  async change(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @Ip() address: string,
    @Res() response: Response,
  ): Promise<void> {
    const plain = { current: body.current ?? '', password: body.password ?? '' };
    const form = await validateForm(ChangePasswordDto, plain);
    let errors = form.errors ?? mismatch(body);
    if (!errors) {
      const done = await this.passwords.change(user, plain.current, plain.password, address).catch(formErrorsFrom);
      if (!Array.isArray(done)) {
        response.cookie(SESSION_COOKIE, done.token, sessionCookieOptions(this.secure));
        response.render('pages/password-done', { title: 'password.changeTitle', user, signIn: false });
        return;
      }
      errors = done;
    }
    response.status(400).render('pages/change-password', {
      title: 'password.changeTitle',
      user,
      ...formView({}, errors, response.locals.lang),
    });
  }

  private async linkForm(purpose: AccountTokenPurpose, token: string, response: Response): Promise<void> {
    const live = await this.transactions.run((manager) => this.links.isLive(manager, token, purpose));
    response
      .status(live ? 200 : 410)
      .render('pages/choose-password', { ...this.linkPage(purpose, token, live), ...formView({}) });
  }

  private async chooseFromLink(
    purpose: AccountTokenPurpose,
    token: string,
    body: Record<string, string>,
    response: Response,
  ): Promise<void> {
    const form = await validateForm(LinkPasswordDto, { token, password: body.password ?? '' });
    const errors =
      form.errors ??
      mismatch(body) ??
      (await (
        purpose === 'invite'
          ? this.passwords.acceptInvite(token, form.dto.password)
          : this.passwords.confirmReset(token, form.dto.password)
      ).then(() => null, formErrorsFrom));
    if (!errors) {
      response.render('pages/password-done', { title: LINK_PAGES[purpose].title, user: null, signIn: true });
      return;
    }
    const live = !errors.some((error) => error.field === 'token');
    response.status(live ? 400 : 410).render('pages/choose-password', {
      ...this.linkPage(purpose, token, live),
      ...formView({}, errors, response.locals.lang),
    });
  }

  private linkPage(purpose: AccountTokenPurpose, token: string, live: boolean) {
    const page = LINK_PAGES[purpose];
    return { title: page.title, intro: page.intro, action: `/${page.path}/${token}`, live, user: null };
  }
}

/** The password typed twice must match, so a typo does not lock the owner out. */
function mismatch(body: Record<string, string>): FieldError[] | null {
  return body.password === body.confirm ? null : [{ field: 'confirm', message: 'confirm: the two passwords differ' }];
}
