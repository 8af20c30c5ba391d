import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { TransactionService } from '../common/transaction.service';
import { boundQuery } from '../database/bound-query';
import { User } from '../users/user.entity';
import { AccountGate } from './account-gate';
import { AccountToken } from './account-token.entity';
import { AuthUser } from './auth-user';
import { LoginAttemptsService } from './login-attempts.service';
import { LoginDto, TokenDto } from './login.dto';
import { BCRYPT_ROUNDS } from './password-policy';
import { RevokedToken } from './revoked-token.entity';

// A real hash to compare against when the email is unknown, so timing does not reveal accounts.
const UNKNOWN_USER_HASH = bcrypt.hashSync('no such user, no such password', BCRYPT_ROUNDS);

/** What every request reads of its account: one bound statement, which also refuses a signed-out token. */
const SIGNED_IN_ACCOUNT =
  'SELECT u.id, u.email, u.role, u."schoolId", u."staffId", u.disabled, u."tokenVersion" FROM app_user u ' +
  'WHERE u.id = ? AND NOT EXISTS (SELECT 1 FROM revoked_token r WHERE r.jti = ?)';
type SignedInAccount = Pick<User, 'id' | 'email' | 'role' | 'schoolId' | 'staffId' | 'tokenVersion'> & {
  // SQLite has no booleans: 0 or 1 there.
  disabled: boolean | number;
};

interface TokenPayload {
  sub: number;
  jti: string;
  exp: number;
  ver?: number;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: TransactionService,
    private readonly jwt: JwtService,
    private readonly attempts: LoginAttemptsService,
    private readonly clock: ClockService,
    private readonly gate: AccountGate,
  ) {}

  async login({ email, password }: LoginDto, address: string): Promise<TokenDto> {
    const normalised = email.toLowerCase();
    const user = await this.users.findOneBy({ email: normalised });
    const matches = await bcrypt.compare(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches) {
      await this.attempts.failed(normalised, address);
      throw new UnauthorizedException('Email or password is wrong');
    }
    this.attempts.succeeded(normalised);
    // Checked only after the password, so a wrong guess cannot tell a disabled account from a live one.
    if (!(await this.mayUse(user))) throw new UnauthorizedException('Email or password is wrong');
    return this.startSession(user);
  }

  /**
   * A session for an email an identity provider has verified (sign-in with Hwb).
   * Only an existing account that may still be used signs in: none is ever created this way.
   */
  async loginWithVerifiedEmail(email: string): Promise<TokenDto | null> {
    const user = await this.users.findOneBy({ email: email.toLowerCase() });
    return user && (await this.mayUse(user)) ? this.startSession(user) : null;
  }

  /** A token carries the account's token version: raising the version refuses every token issued before. */
  async issueToken(user: Pick<User, 'id' | 'tokenVersion'>): Promise<TokenDto> {
    return { token: await this.jwt.signAsync({ sub: user.id, ver: user.tokenVersion }, { jwtid: randomUUID() }) };
  }

  private async startSession(user: User): Promise<TokenDto> {
    await this.users.update({ id: user.id }, { lastSignInAt: this.clock.now().toISOString() });
    return this.issueToken(user);
  }

  /** Signs a token out: it is refused from now until it would have expired anyway. */
  async revoke(token: string): Promise<void> {
    const payload = await this.verified(token);
    if (!payload) return;
    const expiresAt = new Date(payload.exp * 1000).toISOString();
    await this.transactions.run((manager) => manager.upsert(RevokedToken, { jti: payload.jti, expiresAt }, ['jti']));
  }

  /**
   * The signed-in user behind a token, read fresh so role changes apply at once; none if
   * the token was signed out, issued before the account's sessions were ended, or the
   * account is disabled or belongs to a leaver.
   */
  async userForToken(token: string): Promise<AuthUser | null> {
    const payload = await this.verified(token);
    if (!payload) return null;
    const [found] = await boundQuery<SignedInAccount[]>(this.users.manager, SIGNED_IN_ACCOUNT, [
      payload.sub,
      payload.jti,
    ]);
    if (!found) return null;
    const user = { ...found, disabled: Boolean(found.disabled) };
    if ((payload.ver ?? 0) !== user.tokenVersion || !(await this.mayUse(user))) return null;
    return { id: user.id, email: user.email, role: user.role, schoolId: user.schoolId, staffId: user.staffId };
  }

  /** Ends every token and page session of the account at once (disable, password reset). */
  async endSessions(manager: EntityManager, userId: number): Promise<void> {
    await manager.increment(User, { id: userId }, 'tokenVersion', 1);
    await manager.delete(AccountToken, { userId });
  }

  /** Not disabled, and not refused by the account gate (a leaver's account, see AccountGate). */
  async mayUse(user: Pick<User, 'disabled' | 'staffId' | 'schoolId' | 'email'>): Promise<boolean> {
    return !user.disabled && (await this.gate.mayUse(user));
  }

  /** Signed-out tokens need remembering only until they expire; expired single-use links are dead too. */
  async purgeExpired(): Promise<{ revokedTokens: number; accountTokens: number }> {
    const now = this.clock.now().toISOString();
    return this.transactions.run(async (manager) => ({
      revokedTokens: (await manager.delete(RevokedToken, { expiresAt: LessThan(now) })).affected ?? 0,
      accountTokens: (await manager.delete(AccountToken, { expiresAt: LessThan(now) })).affected ?? 0,
    }));
  }

  /** Every token must carry an expiry: a signed token without `exp` would be good forever. */
  private verified(token: string): Promise<TokenPayload | null> {
    return this.jwt.verifyAsync<TokenPayload>(token).then(
      (payload) =>
        typeof payload.jti === 'string' && typeof payload.exp === 'number' && typeof payload.sub === 'number'
          ? payload
          : null,
      () => null,
    );
  }
}
