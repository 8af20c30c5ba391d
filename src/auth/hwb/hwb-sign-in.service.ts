import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { BaseClient, custom, errors, generators, Issuer } from 'openid-client';
import { AppConfig, OidcConfig } from '../../config/app.config';

/** Why a Hwb sign-in was refused; the page shows a message for each. */
export type HwbRefusal = 'failed' | 'unverified' | 'unavailable';

export class HwbSignInRefused extends Error {
  constructor(readonly reason: HwbRefusal) {
    super(`Hwb sign-in refused: ${reason}`);
  }
}

/** What the browser carries between leaving for Hwb and coming back: signed, short-lived. */
interface HwbTransaction {
  purpose: 'hwb';
  state: string;
  nonce: string;
  verifier: string;
}

export const HWB_CALLBACK_PATH = '/login/hwb/callback';
export const HWB_TRANSACTION_MINUTES = 10;

// A slow provider must not hold a sign-in page open for long.
custom.setHttpOptionsDefaults({ timeout: 10_000 });

/**
 * Sign-in with Hwb (Microsoft 365 or Google Workspace behind it) by OpenID Connect:
 * authorization code with PKCE, state and nonce checked, the ID token's signature,
 * issuer, audience and expiry verified by openid-client. It only ever answers with a
 * verified email; whether that email may sign in is the auth service's decision.
 */
@Injectable()
export class HwbSignInService {
  private readonly logger = new Logger(HwbSignInService.name);
  private readonly oidc: OidcConfig | null;
  private readonly redirectUri: string;
  private client: Promise<BaseClient> | null = null;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly jwt: JwtService,
  ) {
    this.oidc = config.get('oidc', { infer: true });
    this.redirectUri = `${config.get('appUrl', { infer: true })}${HWB_CALLBACK_PATH}`;
  }

  get enabled(): boolean {
    return this.oidc !== null;
  }

  /** The provider's sign-in address, and the signed transaction to keep in a cookie until the callback. */
  async start(): Promise<{ url: string; transaction: string }> {
    const client = await this.discoveredClient();
    const checks = { state: generators.state(), nonce: generators.nonce(), verifier: generators.codeVerifier() };
    const url = client.authorizationUrl({
      scope: 'openid email',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: generators.codeChallenge(checks.verifier),
      code_challenge_method: 'S256',
    });
    const transaction = await this.jwt.signAsync({ purpose: 'hwb', ...checks } satisfies HwbTransaction, {
      expiresIn: `${HWB_TRANSACTION_MINUTES}m`,
    });
    return { url, transaction };
  }

  /** The verified email of the person the provider sent back, or a refusal. */
  async finish(callbackUrl: string, transaction: string | undefined): Promise<string> {
    const checks = await this.transactionChecks(transaction);
    const client = await this.discoveredClient();
    try {
      const tokens = await client.callback(this.redirectUri, client.callbackParams(callbackUrl), {
        state: checks.state,
        nonce: checks.nonce,
        code_verifier: checks.verifier,
        response_type: 'code',
      });
      // Providers that keep the ID token small give the email at the userinfo endpoint;
      // openid-client checks there that its subject is the ID token's.
      let claims: { email?: unknown; email_verified?: unknown } = tokens.claims();
      if (claims.email === undefined && tokens.access_token) claims = await client.userinfo(tokens);
      if (typeof claims.email !== 'string' || claims.email_verified !== true) throw new HwbSignInRefused('unverified');
      return claims.email.toLowerCase();
    } catch (error) {
      if (error instanceof HwbSignInRefused) throw error;
      if (error instanceof errors.RPError || error instanceof errors.OPError) {
        this.logger.warn(`Hwb sign-in refused: ${error.message}`);
        throw new HwbSignInRefused('failed');
      }
      throw error;
    }
  }

  private async transactionChecks(transaction: string | undefined): Promise<HwbTransaction> {
    if (!transaction) throw new HwbSignInRefused('failed');
    const payload = await this.jwt.verifyAsync<HwbTransaction>(transaction).catch(() => null);
    if (payload?.purpose !== 'hwb') throw new HwbSignInRefused('failed');
    return payload;
  }

  /** Discovered once; a failed discovery is retried on the next sign-in rather than remembered. */
  private discoveredClient(): Promise<BaseClient> {
    if (!this.oidc) throw new HwbSignInRefused('failed');
    const { issuer, clientId, clientSecret } = this.oidc;
    this.client ??= Issuer.discover(issuer).then(
      (found) =>
        new found.Client({
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [this.redirectUri],
          response_types: ['code'],
        }),
    );
    return this.client.catch((error: unknown) => {
      this.client = null;
      this.logger.warn(`Hwb provider unreachable: ${error instanceof Error ? error.message : String(error)}`);
      throw new HwbSignInRefused('unavailable');
    });
  }
}
