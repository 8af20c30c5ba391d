import { Controller, Get, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { Public } from '../auth/decorators';
import {
  HWB_TRANSACTION_MINUTES,
  HwbRefusal,
  HwbSignInRefused,
  HwbSignInService,
} from '../auth/hwb/hwb-sign-in.service';
import { AppConfig } from '../config/app.config';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { sessionCookieOptions } from './web-session';

const TRANSACTION_COOKIE = 'hwb';

const REFUSAL_STATUS: Record<HwbRefusal, number> = { failed: 401, unverified: 403, unavailable: 503 };

/**
 * "Sign in with Hwb": leaves for the provider, and on the way back turns a verified
 * email into a session for the matching account. These handlers redirect or render
 * by outcome and set cookies, so they take the response object.
 */
@ApiExcludeController()
@Controller('login/hwb')
export class HwbPagesController {
  private readonly secure: boolean;

  constructor(
    private readonly hwb: HwbSignInService,
    private readonly auth: AuthService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.secure = config.get('appUrl', { infer: true }).startsWith('https://');
  }

  @Public()
  @Get()
  async start(@Res() response: Response): Promise<void> {
    if (!this.hwb.enabled) {
      this.refuse(response, 404, 'unavailable');
      return;
    }
    try {
      const { url, transaction } = await this.hwb.start();
      response.cookie(
        TRANSACTION_COOKIE,
        transaction,
        sessionCookieOptions(this.secure, HWB_TRANSACTION_MINUTES * 60_000),
      );
      response.redirect(303, url);
    } catch (error) {
      if (!(error instanceof HwbSignInRefused)) throw error;
      this.refuse(response, 503, error.reason);
    }
  }

  @Public()
  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.hwb.enabled) {
      this.refuse(response, 404, 'unavailable');
      return;
    }
    // Single use: whatever happens next, this transaction cannot be replayed from this browser.
    response.clearCookie(TRANSACTION_COOKIE, sessionCookieOptions(this.secure));
    try {
      const email = await this.hwb.finish(
        request.originalUrl,
        request.cookies?.[TRANSACTION_COOKIE] as string | undefined,
      );
      const session = await this.auth.loginWithVerifiedEmail(email);
      if (!session) {
        this.refuse(response, 403, 'noAccount');
        return;
      }
      response.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(this.secure));
      response.redirect(303, '/');
    } catch (error) {
      if (!(error instanceof HwbSignInRefused)) throw error;
      this.refuse(response, REFUSAL_STATUS[error.reason], error.reason);
    }
  }

  private refuse(response: Response, status: number, reason: HwbRefusal | 'noAccount'): void {
    response
      .status(status)
      .render('pages/hwb-refused', { title: 'hwb.refusedTitle', user: null, reason: `hwb.${reason}` });
  }
}
