import { Get, HttpStatus, Redirect, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
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
import { RefusedForm } from './refused-form';
import { cookie, sessionCookieOptions } from './web-session';
import { PageController } from './page-controller.decorator';

const TRANSACTION_COOKIE = 'hwb';

const REFUSAL_STATUS: Record<HwbRefusal, HttpStatus> = {
  failed: HttpStatus.UNAUTHORIZED,
  unverified: HttpStatus.FORBIDDEN,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** The refusal page, drawn by the exception filter with the status. */
function refused(status: HttpStatus, reason: HwbRefusal | 'noAccount'): RefusedForm {
  return new RefusedForm(
    'pages/hwb-refused',
    { title: 'hwb.refusedTitle', user: null, reason: `hwb.${reason}` },
    status,
  );
}

/**
 * "Sign in with Hwb": leaves for the provider, and on the way back turns a verified
 * email into a session for the matching account. Each handler redirects, or throws the
 * refusal page; the response is taken only to set and clear cookies.
 */
@PageController('login/hwb')
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
  @Redirect(undefined, 303)
  async start(@Res({ passthrough: true }) response: Response): Promise<{ url: string }> {
    if (!this.hwb.enabled) throw refused(HttpStatus.NOT_FOUND, 'unavailable');
    const { url, transaction } = await this.hwb.start().catch((error: unknown) => {
      if (!(error instanceof HwbSignInRefused)) throw error;
      throw refused(HttpStatus.SERVICE_UNAVAILABLE, error.reason);
    });
    response.cookie(
      TRANSACTION_COOKIE,
      transaction,
      sessionCookieOptions(this.secure, HWB_TRANSACTION_MINUTES * 60_000),
    );
    return { url };
  }

  @Public()
  @Get('callback')
  @Redirect('/', 303)
  async callback(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (!this.hwb.enabled) throw refused(HttpStatus.NOT_FOUND, 'unavailable');
    // Single use: whatever happens next, this transaction cannot be replayed from this browser.
    response.clearCookie(TRANSACTION_COOKIE, sessionCookieOptions(this.secure));
    const email = await this.hwb
      .finish(request.originalUrl, cookie(request, TRANSACTION_COOKIE))
      .catch((error: unknown) => {
        if (!(error instanceof HwbSignInRefused)) throw error;
        throw refused(REFUSAL_STATUS[error.reason], error.reason);
      });
    const session = await this.auth.loginWithVerifiedEmail(email);
    if (!session) throw refused(HttpStatus.FORBIDDEN, 'noAccount');
    response.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(this.secure));
  }
}
