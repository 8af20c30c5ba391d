import { ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { ClockService } from '../clock/clock.service';
import { LoginAttemptsService } from '../auth/login-attempts.service';
import { BCRYPT_ROUNDS } from '../auth/password-policy';
import { ChangeLogService } from '../change-log/change-log.service';
import { isUniqueViolation } from '../database/unique-violation';
import { badRequest, conflict, fieldError, problem, refusal } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { SchoolsService } from '../schools/schools.service';
import { StaffService } from '../staff/staff.service';
import { CreateUserDto, UpdateUserDto, UserDto, UsersQueryDto } from './user.dto';
import { User } from './user.entity';
import { hasLeftBy } from '../common/day';
import { AccountStandingService } from '../accounts/account-standing.service';

export type NewAccount = Pick<CreateUserDto, 'email' | 'role' | 'schoolId' | 'staffId'>;

/** Whether an account can sign in now, and if not, why: what the accounts page shows. */
export type AccountState = 'active' | 'invited' | 'left' | 'off';

function stateOf(user: User, hasLeft: boolean): AccountState {
  if (user.disabled) return 'off';
  if (hasLeft) return 'left';
  return user.invitationPending ? 'invited' : 'active';
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly schools: SchoolsService,
    private readonly staff: StaffService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
    private readonly auth: AuthService,
    private readonly attempts: LoginAttemptsService,
    private readonly clock: ClockService,
    private readonly standing: AccountStandingService,
  ) {}

  /** Admins: every account, or one school's; a DSP: their school's. Never a password hash. */
  async list(actor: AuthUser, query: UsersQueryDto): Promise<UserDto[]> {
    return (await this.listEntities(actor, query)).map((user) => this.toDto(user));
  }

  /**
   * The same accounts, each with whether it can sign in now: switched off, its person has
   * left, invited and not yet accepted (no password chosen), or active.
   */
  async listWithState(actor: AuthUser, query: UsersQueryDto): Promise<(UserDto & { state: AccountState })[]> {
    const users = await this.listEntities(actor, query);
    const leavers = await this.standing.leaversAmong(users);
    return users.map((user) => ({ ...this.toDto(user), state: stateOf(user, leavers.has(user.id)) }));
  }

  private async listEntities(actor: AuthUser, query: UsersQueryDto): Promise<User[]> {
    const schoolId = actor.role === 'admin' ? query.schoolId : (query.schoolId ?? actor.schoolId!);
    if (actor.role !== 'admin' && schoolId !== actor.schoolId)
      throw new NotFoundException(`No school with id ${schoolId}`);
    const where: FindOptionsWhere<User> = schoolId === undefined ? {} : { schoolId };
    return this.users.find({ where, order: { email: 'ASC' } });
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserDto> {
    return this.add(actor, dto, await bcrypt.hash(dto.password, BCRYPT_ROUNDS));
  }

  /**
   * Role changes and switching accounts off or on. A DSP manages their own school's
   * accounts only, and never to or from admin. Disabling ends every session at once.
   */
  async update(actor: AuthUser, id: number, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.findManageable(actor, id);
    if (dto.role !== undefined && dto.role !== user.role) this.checkRoleChange(actor, user, dto.role);
    if (dto.disabled === true && user.id === actor.id)
      throw refusal(
        problem('disabled', 'account-self-disable', {}, 'disabled: you cannot switch off your own account'),
      );
    return this.transactions.run(async (manager) => {
      const before = this.toDto(user);
      const saved = await manager.save(Object.assign(user, dto));
      if (dto.disabled === true && !before.disabled) await this.auth.endSessions(manager, user.id);
      await this.changeLog.record(manager, actor, [
        { entity: 'user', entityId: id, schoolId: user.schoolId, action: 'update', before, after: this.toDto(saved) },
      ]);
      return this.toDto(saved);
    });
  }

  /** Admins: forget an account's failed sign-ins, so it is no longer slowed down. */
  async clearFailures(id: number): Promise<void> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException(`No user with id ${id}`);
    this.attempts.clearAccount(user.email);
  }

  /** The first account, from ADMIN_EMAIL and ADMIN_PASSWORD, when nobody can sign in yet. */
  async createFirstAdmin(email: string, password: string): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const passwordHash = await bcrypt.hash(password, BCRYPT_ROUNDS);
    try {
      await this.transactions.run((manager) => manager.insert(User, { email, passwordHash, role: 'admin' }));
      this.logger.log('Created the first admin account from ADMIN_EMAIL');
    } catch (error) {
      // Another server starting at the same moment created it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /**
   * The checks every new account passes: a DSP adds non-admin accounts for their own
   * school only, and the school and staff record must exist. Answers the account's school.
   */
  async checkNew(actor: AuthUser, dto: NewAccount): Promise<number | null> {
    const schoolId = actor.role === 'dsp' ? (dto.schoolId ?? actor.schoolId) : (dto.schoolId ?? null);
    if (actor.role === 'dsp' && (dto.role === 'admin' || schoolId !== actor.schoolId)) {
      throw new ForbiddenException('A DSP may add DSP, governor and staff users for their own school only');
    }
    await this.checkLinks(dto, schoolId);
    return schoolId;
  }

  /**
   * Saves a checked account inside the caller's transaction: 409 when its email is taken.
   * An invited account reads "Invited" until its owner chooses a password.
   */
  async insertWithin(
    manager: EntityManager,
    actor: AuthUser,
    account: NewAccount & { schoolId: number | null; invited?: boolean },
    passwordHash: string,
  ): Promise<User> {
    if (await manager.existsBy(User, { email: account.email }))
      throw conflict(
        problem(
          'email',
          'account-email-taken',
          { email: account.email },
          `A user with email ${account.email} already exists`,
        ),
      );
    const user = await manager.save(
      manager.create(User, {
        email: account.email,
        passwordHash,
        role: account.role,
        schoolId: account.schoolId,
        staffId: account.staffId ?? null,
        invitationPending: account.invited ?? false,
      }),
    );
    await this.changeLog.record(manager, actor, [
      { entity: 'user', entityId: user.id, schoolId: user.schoolId, action: 'create', after: this.toDto(user) },
    ]);
    return user;
  }

  private async add(actor: AuthUser, dto: NewAccount, passwordHash: string): Promise<UserDto> {
    const schoolId = await this.checkNew(actor, dto);
    const user = await this.transactions.run((manager) =>
      this.insertWithin(manager, actor, { ...dto, schoolId }, passwordHash),
    );
    return this.toDto(user);
  }

  /**
   * An account whose invitation may be sent again: one the caller manages (404 otherwise,
   * as for every account action) whose owner has not yet chosen a password, and that could
   * sign in once they do (409 otherwise: the link would open nothing).
   */
  async findReinvitable(actor: AuthUser, id: number): Promise<User> {
    const user = await this.findManageable(actor, id);
    if (!user.invitationPending)
      throw conflict(problem('', 'account-already-accepted', {}, `Account ${id} has already accepted its invitation`));
    if (!(await this.auth.mayUse(user)))
      throw conflict(
        problem(
          '',
          'account-cannot-sign-in',
          {},
          `Account ${id} is switched off or its staff member has left, so an invitation would open nothing`,
        ),
      );
    return user;
  }

  /** Another school's account, or an admin's for a DSP, is 404: ids outside one's scope reveal nothing. */
  private async findManageable(actor: AuthUser, id: number): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user || (actor.role !== 'admin' && (user.schoolId === null || user.schoolId !== actor.schoolId)))
      throw new NotFoundException(`No user with id ${id}`);
    return user;
  }

  private checkRoleChange(actor: AuthUser, user: User, role: User['role']): void {
    if (role === 'admin' || user.role === 'admin') {
      if (actor.role !== 'admin') throw new ForbiddenException('A DSP cannot give or take away the admin role');
      throw fieldError('role', 'role: an admin serves every school; invite a new account instead of changing this one');
    }
    if (role === 'staff' && user.staffId === null)
      throw fieldError('role', 'role: a staff account needs a linked staff record; invite a new account instead');
  }

  private async checkLinks(dto: NewAccount, schoolId: number | null): Promise<void> {
    if (dto.role === 'admin') {
      if (schoolId !== null || dto.staffId != null)
        throw fieldError('schoolId', 'schoolId: an admin serves every school; leave schoolId and staffId out');
      return;
    }
    if (schoolId === null) throw fieldError('schoolId', `schoolId is required for a ${dto.role} user`);
    await this.schools.findEntity(schoolId).catch(() => {
      throw fieldError('schoolId', `schoolId: no school with id ${schoolId}`);
    });
    if (dto.role === 'staff' && dto.staffId == null)
      throw fieldError('staffId', 'staffId is required for a staff user');
    if (dto.staffId != null) {
      const [member] = await this.staff.findMany([dto.staffId]);
      if (member?.schoolId !== schoolId)
        throw fieldError('staffId', `staffId: no staff member ${dto.staffId} at school ${schoolId}`);
      // A leaver's account could never sign in: refuse it now rather than send a link that fails.
      if (hasLeftBy(member.leftOn, this.clock.today()))
        throw badRequest([
          problem('staffId', 'account-staff-left', {}, `staffId: staff member ${dto.staffId} has left the school`),
        ]);
    }
  }

  toDto(user: User): UserDto {
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      schoolId: user.schoolId,
      staffId: user.staffId,
      disabled: Boolean(user.disabled),
      lastSignInAt: user.lastSignInAt ?? null,
    };
  }
}
