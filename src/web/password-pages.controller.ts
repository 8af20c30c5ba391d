import { Body, Get, HttpCode, HttpStatus, Ip, Param, Post, Render, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Response } from 'express';
import { AccountTokenPurpose } from '../auth/account-token.entity';
import { AccountTokensService } from '../auth/account-tokens.service';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public } from '../auth/decorators';
import { ChangePasswordDto, LinkPasswordDto, PasswordResetRequestDto } from '../accounts/password.dto';
import { PasswordsService } from '../accounts/passwords.service';
import { FieldError } from '../common/errors/field-errors';
import { Language } from '../common/language';
import { TransactionService } from '../common/transaction.service';
import { AppConfig } from '../config/app.config';
import { formErrorsFrom, formView, validateForm } from './forms';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { sessionCookieOptions } from './web-session';
import { PageController } from './page-controller.decorator';

const FORGOT_VIEW = 'pages/forgot-password';
const CHOOSE_VIEW = 'pages/choose-password';
const CHANGE_VIEW = 'pages/change-password';
const DONE_VIEW = 'pages/password-done';

const LINK_PAGES: Record<AccountTokenPurpose, { path: string; title: string; intro: string }> = {
  invite: { path: 'invite', title: 'password.inviteTitle', intro: 'password.inviteIntro' },
  reset: { path: 'reset', title: 'password.resetTitle', intro: 'password.resetIntro' },
};

/**
 * The pages behind the emailed links, "forgot my password", and changing one's own password.
 * A form that is done shows its "done" page (200, no redirect, as before); a refused one is
 * thrown as its page again, 410 when the link itself has expired or been used.
 */
@PageController()
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
  @Render(FORGOT_VIEW)
  forgotForm() {
    return { title: 'password.forgotTitle', user: null, sent: false, ...formView({}) };
  }

  /** The same answer whether or not the account exists. */
  @Public()
  @Post('forgot-password')
  @HttpCode(200)
  @Render(FORGOT_VIEW)
  async forgot(@Body() body: Record<string, string>, @PageLanguage() language: Language) {
    const form = await validateForm(PasswordResetRequestDto, { email: String(body.email ?? '').trim() });
    if (form.errors) {
      const view = formView({ email: body.email }, form.errors, language);
      throw new RefusedForm(FORGOT_VIEW, { title: 'password.forgotTitle', user: null, ...view });
    }
    await this.passwords.requestReset(form.dto.email);
    return { title: 'password.forgotTitle', user: null, sent: true, ...formView({}) };
  }

  @Public()
  @Get('invite/:token')
  @Render(CHOOSE_VIEW)
  inviteForm(@Param('token') token: string) {
    return this.linkForm('invite', token);
  }

  @Public()
  @Post('invite/:token')
  @HttpCode(200)
  @Render(DONE_VIEW)
  invite(@Param('token') token: string, @Body() body: Record<string, string>, @PageLanguage() language: Language) {
    return this.chooseFromLink('invite', token, body, language);
  }

  @Public()
  @Get('reset/:token')
  @Render(CHOOSE_VIEW)
  resetForm(@Param('token') token: string) {
    return this.linkForm('reset', token);
  }

  @Public()
  @Post('reset/:token')
  @HttpCode(200)
  @Render(DONE_VIEW)
  reset(@Param('token') token: string, @Body() body: Record<string, string>, @PageLanguage() language: Language) {
    return this.chooseFromLink('reset', token, body, language);
  }

  @Get('account/password')
  @Render(CHANGE_VIEW)
  changeForm(@CurrentUser() user: AuthUser) {
    return { title: 'password.changeTitle', user, ...formView({}) };
  }

  /** Every other session ends; this browser gets a new one (the response is taken for its cookie alone). */
  @Post('account/password')
  @HttpCode(200)
  @Render(DONE_VIEW)
  async change(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @Ip() address: string,
    @PageLanguage() language: Language,
    @Res({ passthrough: true }) response: Response,
  ) {
    const plain = { current: body.current ?? '', password: body.password ?? '' };
    const form = await validateForm(ChangePasswordDto, plain);
    const done =
      form.errors ??
      mismatch(body) ??
      (await this.passwords.change(user, plain.current, plain.password, address).catch(formErrorsFrom));
    if (Array.isArray(done))
      throw new RefusedForm(CHANGE_VIEW, { title: 'password.changeTitle', user, ...formView({}, done, language) });
    response.cookie(SESSION_COOKIE, done.token, sessionCookieOptions(this.secure));
    return { title: 'password.changeTitle', user, signIn: false };
  }

  /** A link that has expired or been used shows the same page, saying so, with 410. */
  private async linkForm(purpose: AccountTokenPurpose, token: string) {
    const live = await this.transactions.run((manager) => this.links.isLive(manager, token, purpose));
    const page = { ...this.linkPage(purpose, token, live), ...formView({}) };
    if (!live) throw new RefusedForm(CHOOSE_VIEW, page, HttpStatus.GONE);
    return page;
  }

  private async chooseFromLink(
    purpose: AccountTokenPurpose,
    token: string,
    body: Record<string, string>,
    language: Language,
  ) {
    const form = await validateForm(LinkPasswordDto, { token, password: body.password ?? '' });
    const errors =
      form.errors ??
      mismatch(body) ??
      (await (
        purpose === 'invite'
          ? this.passwords.acceptInvite(token, form.dto.password)
          : this.passwords.confirmReset(token, form.dto.password)
      ).then(() => null, formErrorsFrom));
    if (!errors) return { title: LINK_PAGES[purpose].title, user: null, signIn: true };
    const live = !errors.some((error) => error.field === 'token');
    throw new RefusedForm(
      CHOOSE_VIEW,
      { ...this.linkPage(purpose, token, live), ...formView({}, errors, language) },
      live ? HttpStatus.BAD_REQUEST : HttpStatus.GONE,
    );
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
