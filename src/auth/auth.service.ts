import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { Repository } from 'typeorm';
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
    private readonly jwt: JwtService,
    private readonly attempts: LoginAttemptsService,
  ) {}

  async login({ email, password }: LoginDto, address: string): Promise<TokenDto> {
    const normalised = email.toLowerCase();
    this.attempts.assertAllowed(normalised, address);
    const user = await this.users.findOneBy({ email: normalised });
    const matches = await bcrypt.compare(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches) {
      this.attempts.recordFailure(normalised, address);
      throw new UnauthorizedException('Email or password is wrong');
    }
    this.attempts.recordSuccess(normalised);
    return { token: await this.jwt.signAsync({ sub: user.id }) };
  }

  /** The signed-in user behind a token, read fresh so role changes apply at once. */
  async userForToken(token: string): Promise<AuthUser | null> {
    const payload = await this.jwt.verifyAsync<{ sub: number }>(token).catch(() => null);
    if (!payload) return null;
    const user = await this.users.findOneBy({ id: payload.sub });
    if (!user) return null;
    return { id: user.id, email: user.email, role: user.role, schoolId: user.schoolId, staffId: user.staffId };
  }
}
