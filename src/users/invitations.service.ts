import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { EntityManager, In, Repository } from 'typeorm';
import { AccountEmailsService } from '../accounts/account-emails.service';
import { PasswordsService } from '../accounts/passwords.service';
import { AccountTokensService } from '../auth/account-tokens.service';
import { AuthUser } from '../auth/auth-user';
import { BCRYPT_ROUNDS } from '../auth/password-policy';
import { Language } from '../common/language';
import { TransactionService } from '../common/transaction.service';
import { CreateSchoolDto, SchoolDto } from '../schools/school.dto';
import { SchoolsService } from '../schools/schools.service';
import { StaffMember } from '../staff/staff-member.entity';
import { InviteUserDto, UserDto } from './user.dto';
import { User } from './user.entity';
import { UsersService } from './users.service';
import { chunksOf } from '../common/chunks';

/** An invitation whose email goes out once the transaction that created its account has committed. */
export interface PendingInvitation {
  userId: number;
  token: string;
  language?: Language;
}

/**
 * The account is saved, but its invitation email could not be sent (the mail server is
 * down or refused it): 503, and the invitation can be sent again once mail works.
 */
export class InvitationNotSent extends ServiceUnavailableException {
  constructor(readonly userId: number) {
    super({
      statusCode: 503,
      error: 'Service Unavailable',
      message: `The account was saved, but its invitation email could not be sent; send it again with POST /api/users/${userId}/resend-invitation`,
      code: 'invitation-not-sent',
    });
  }
}

/**
 * Accounts whose owners choose their own password from an emailed single-use link
 * (valid 7 days). Until then the password is random and unknown to anyone. Emails are
 * sent only after the accounts are saved, so nobody gets a link to an account that was
 * then rolled back.
 */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly accounts: UsersService,
    private readonly schools: SchoolsService,
    private readonly transactions: TransactionService,
    private readonly links: AccountTokensService,
    private readonly emails: AccountEmailsService,
    private readonly passwords: PasswordsService,
  ) {}

  async invite(actor: AuthUser, dto: InviteUserDto): Promise<UserDto> {
    const schoolId = await this.accounts.checkNew(actor, dto);
    const passwordHash = await this.unusableHash();
    const { user, pending } = await this.transactions.run(async (manager) => {
      const saved = await this.accounts.insertWithin(manager, actor, { ...dto, schoolId, invited: true }, passwordHash);
      return { user: saved, pending: await this.issue(manager, saved, dto.language) };
    });
    await this.deliverOrRefuse(pending);
    return this.accounts.toDto(user);
  }

  /** A new school and its first DSP's account, saved together or not at all; the DSP's invitation follows. */
  async createSchoolWithDsp(
    actor: AuthUser,
    school: CreateSchoolDto,
    dspEmail: string,
    language?: Language,
  ): Promise<SchoolDto> {
    this.schools.checkNew(school);
    const passwordHash = await this.unusableHash();
    const { created, pending } = await this.transactions.run(async (manager) => {
      const saved = await this.schools.createWithin(manager, actor, school);
      const dsp = await this.accounts.insertWithin(
        manager,
        actor,
        { email: dspEmail, role: 'dsp', schoolId: saved.id, invited: true },
        passwordHash,
      );
      return { created: saved, pending: await this.issue(manager, dsp, language) };
    });
    await this.deliverOrRefuse(pending);
    return created;
  }

  /**
   * The invitation again, for an account the caller manages that has not yet accepted it:
   * a new link (valid 7 days), and the earlier one stops working. Written in `language`
   * unless the account belongs to a member of staff, whose record has their own.
   */
  async resend(actor: AuthUser, id: number, language?: Language): Promise<void> {
    const user = await this.accounts.findReinvitable(actor, id);
    const pending = await this.transactions.run((manager) =>
      this.issue(manager, user, user.staffId === null ? language : undefined),
    );
    await this.deliverOrRefuse(pending);
  }

  /**
   * Staff accounts for members just created in the caller's transaction, each linked to
   * its member; a member whose email an account already uses is left out. Send the
   * answer with `sendAll` once that transaction has committed.
   */
  async inviteStaffWithin(
    manager: EntityManager,
    actor: AuthUser,
    members: StaffMember[],
  ): Promise<PendingInvitation[]> {
    const taken = new Set<string>();
    // Chunked so a large import stays under the database's bound-parameter limit.
    for (const chunk of chunksOf(members)) {
      const emails = chunk.map((member) => member.email);
      const found = await manager.find(User, { where: { email: In(emails) }, select: { id: true, email: true } });
      found.forEach((user) => taken.add(user.email));
    }
    const newcomers = members.filter((member) => member.email && !taken.has(member.email));
    // One random password hash serves the whole batch: nobody knows its password, and
    // hashing hundreds one by one would hold the import's transaction for minutes.
    const passwordHash = newcomers.length ? await this.unusableHash() : '';
    const pending: PendingInvitation[] = [];
    for (const member of newcomers) {
      const account = {
        email: member.email,
        role: 'staff' as const,
        schoolId: member.schoolId,
        staffId: member.id,
        invited: true,
      };
      const user = await this.accounts.insertWithin(manager, actor, account, passwordHash);
      pending.push(await this.issue(manager, user));
    }
    return pending;
  }

  /** Sends committed invitations; one that fails is logged and counted, and the others still go. */
  async sendAll(pending: PendingInvitation[]): Promise<{ sent: number; failed: number }> {
    let failed = 0;
    for (const invitation of pending) {
      await this.deliver(invitation).catch((error: unknown) => {
        failed += 1;
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.error(`Invitation email to account ${invitation.userId} failed: ${reason}`);
      });
    }
    return { sent: pending.length - failed, failed };
  }

  private async issue(manager: EntityManager, user: User, language?: Language): Promise<PendingInvitation> {
    return { userId: user.id, token: await this.links.issue(manager, user.id, 'invite'), language };
  }

  /** Sends a committed invitation; when it cannot be sent, says so (503) and that the account is saved. */
  private async deliverOrRefuse(invitation: PendingInvitation): Promise<void> {
    try {
      await this.deliver(invitation);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`Invitation email to account ${invitation.userId} failed: ${reason}`);
      throw new InvitationNotSent(invitation.userId);
    }
  }

  private async deliver(invitation: PendingInvitation): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: invitation.userId });
    const recipient = await this.passwords.recipientOf(user);
    await this.emails.sendInvite(
      { ...recipient, language: invitation.language ?? recipient.language },
      invitation.token,
    );
  }

  private unusableHash(): Promise<string> {
    return bcrypt.hash(randomBytes(32).toString('base64url'), BCRYPT_ROUNDS);
  }
}
