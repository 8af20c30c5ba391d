import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { EntityManager, Repository } from 'typeorm';
import { fieldError, problem, refusal } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { AccountTokenPurpose } from '../auth/account-token.entity';
import { AccountTokensService } from '../auth/account-tokens.service';
import { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { LoginAttemptsService } from '../auth/login-attempts.service';
import { TokenDto } from '../auth/login.dto';
import { BCRYPT_ROUNDS } from '../auth/password-policy';
import { School } from '../schools/school.entity';
import { User } from '../users/user.entity';
import { AccountEmailsService } from './account-emails.service';
import { AccountStandingService } from './account-standing.service';

/** Choosing a password: from an invitation, from a reset link, or one's own change. */
@Injectable()
export class PasswordsService {
  private readonly logger = new Logger(PasswordsService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(School) private readonly schools: Repository<School>,
    private readonly transactions: TransactionService,
    private readonly auth: AuthService,
    private readonly links: AccountTokensService,
    private readonly emails: AccountEmailsService,
    private readonly attempts: LoginAttemptsService,
    private readonly standing: AccountStandingService,
  ) {}

  /**
   * Emails a reset link when the email names a usable account. The answer is the same
   * either way, and the email is sent after answering, so nobody can probe for accounts.
   */
  async requestReset(email: string): Promise<void> {
    const user = await this.users.findOneBy({ email: email.toLowerCase() });
    if (!user || !(await this.auth.mayUse(user))) return;
    const token = await this.transactions.run((manager) => this.links.issue(manager, user.id, 'reset'));
    void this.recipientOf(user)
      .then((recipient) => this.emails.sendPasswordReset(recipient, token))
      .catch((error: unknown) =>
        this.logger.error(`Password reset email failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  }

  /** A new password from a reset link: every session and other link of the account ends. */
  confirmReset(token: string, password: string): Promise<void> {
    return this.setFromLink(token, 'reset', password);
  }

  /** The invited person's first password. */
  acceptInvite(token: string, password: string): Promise<void> {
    return this.setFromLink(token, 'invite', password);
  }

  /**
   * One's own change: the current password is checked (slowed like a sign-in), then every session ends but a new one.
   */
  async change(actor: AuthUser, current: string, password: string, address: string): Promise<TokenDto> {
    const user = await this.users.findOneByOrFail({ id: actor.id });
    if (!(await bcrypt.compare(current, user.passwordHash))) {
      await this.attempts.failed(user.email, address);
      throw fieldError('current', 'current: this is not your current password');
    }
    await this.transactions.run((manager) => this.store(manager, user.id, password));
    return this.auth.issueToken(await this.users.findOneByOrFail({ id: user.id }));
  }

  /** A link of an account that can no longer be used (disabled, or a leaver's) opens nothing. */
  private async setFromLink(token: string, purpose: AccountTokenPurpose, password: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const userId = await this.links.consume(manager, token, purpose);
      const user = await manager.findOneByOrFail(User, { id: userId });
      if (!(await this.auth.mayUse(user)))
        throw refusal(
          problem(
            'token',
            'account-switched-off',
            {},
            'token: this account has been switched off; ask your DSP or an admin',
          ),
        );
      await this.store(manager, userId, password);
    });
  }

  private async store(manager: EntityManager, userId: number, password: string): Promise<void> {
    const passwordHash = await bcrypt.hash(password, BCRYPT_ROUNDS);
    // Any password the owner chooses (an expired invitation is recovered by a reset) accepts the invitation.
    await manager.update(User, { id: userId }, { passwordHash, invitationPending: false });
    await this.auth.endSessions(manager, userId);
  }

  async recipientOf(user: User) {
    const member = await this.standing.linkedStaff(user);
    const school = user.schoolId === null ? null : await this.schools.findOneBy({ id: user.schoolId });
    return { email: user.email, role: user.role, language: member?.language ?? 'en', schoolName: school?.name ?? null };
  }
}
