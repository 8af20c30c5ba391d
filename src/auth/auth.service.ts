import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { TransactionService } from '../common/transaction.service';
import { RevokedToken } from './revoked-token.entity';
import { User } from '../users/user.entity';
import { AuthUser } from './auth-user';
import { LoginDto, TokenDto } from './login.dto';
import { LoginAttemptsService } from './login-attempts.service';

// A real hash to compare against when the email is unknown, so timing does not reveal accounts.
const UNKNOWN_USER_HASH = bcrypt.hashSync('no such user, no such password', 10);

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(RevokedToken) private readonly revoked: Repository<RevokedToken>,
    private readonly transactions: TransactionService,
    private readonly jwt: JwtService,
    private readonly attempts: LoginAttemptsService,
  ) {}

  async login({ email, password }: LoginDto, address: string): Promise<TokenDto> {
    const normalised = email.toLowerCase();
    this.attempts.assertAllowed(normalised, address);
    const user = await this.users.findOneBy({ email: normalised });
    const matches = await bcrypt.compare(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches || user.disabled) {
      this.attempts.recordFailure(normalised, address);
      throw new UnauthorizedException('Email or password is wrong');
    }
    this.attempts.recordSuccess(normalised);
    return this.startSession(user);
  }

  /**
   * A session for an email an identity provider has verified (sign-in with Hwb).
   * Only an existing account signs in: none is ever created this way.
   */
  async loginWithVerifiedEmail(email: string): Promise<TokenDto | null> {
    const user = await this.users.findOneBy({ email: email.toLowerCase() });
    return user ? this.startSession(user) : null;
  }

  private async startSession(user: User): Promise<TokenDto> {
    return { token: await this.jwt.signAsync({ sub: user.id }, { jwtid: randomUUID() }) };
  }

  /** Signs a token out: it is refused from now until it would have expired anyway. */
  async revoke(token: string): Promise<void> {
    const payload = await this.verified(token);
    if (!payload) return;
    const expiresAt = new Date(payload.exp * 1000).toISOString();
    await this.transactions.run((manager) => manager.upsert(RevokedToken, { jti: payload.jti, expiresAt }, ['jti']));
  }

  /** The signed-in user behind a token, read fresh so role changes apply at once. */
  async userForToken(token: string): Promise<AuthUser | null> {
    const payload = await this.verified(token);
    if (!payload || (await this.revoked.existsBy({ jti: payload.jti }))) return null;
    const user = await this.users.findOneBy({ id: payload.sub });
    if (!user) return null;
    return { id: user.id, email: user.email, role: user.role, schoolId: user.schoolId, staffId: user.staffId };
  }

  private verified(token: string): Promise<{ sub: number; jti: string; exp: number } | null> {
    return this.jwt.verifyAsync<{ sub: number; jti: string; exp: number }>(token).then(
      (payload) => (payload.jti ? payload : null),
      () => null,
    );
  }
}
