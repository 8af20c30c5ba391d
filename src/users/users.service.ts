import { ConflictException, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { ChangeLogService } from '../change-log/change-log.service';
import { isUniqueViolation } from '../database/unique-violation';
import { fieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { SchoolsService } from '../schools/schools.service';
import { StaffService } from '../staff/staff.service';
import { CreateUserDto, UserDto } from './user.dto';
import { User } from './user.entity';

const BCRYPT_ROUNDS = 10;

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly schools: SchoolsService,
    private readonly staff: StaffService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
  ) {}

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserDto> {
    const schoolId = actor.role === 'dsp' ? (dto.schoolId ?? actor.schoolId) : (dto.schoolId ?? null);
    if (actor.role === 'dsp' && (dto.role === 'admin' || schoolId !== actor.schoolId)) {
      throw new ForbiddenException('A DSP may add DSP, governor and staff users for their own school only');
    }
    await this.checkLinks(dto, schoolId);
    return this.transactions.run(async (manager) => {
      if (await manager.existsBy(User, { email: dto.email }))
        throw new ConflictException(`A user with email ${dto.email} already exists`);
      const passwordHash = await bcrypt.hash(dto.password, BCRYPT_ROUNDS);
      const user = await manager.save(
        manager.create(User, {
          email: dto.email,
          passwordHash,
          role: dto.role,
          schoolId,
          staffId: dto.staffId ?? null,
        }),
      );
      await this.changeLog.record(manager, actor, [
        { entity: 'user', entityId: user.id, schoolId, action: 'create', after: this.toDto(user) },
      ]);
      return this.toDto(user);
    });
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

  private async checkLinks(dto: CreateUserDto, schoolId: number | null): Promise<void> {
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
      if (!member || member.schoolId !== schoolId)
        throw fieldError('staffId', `staffId: no staff member ${dto.staffId} at school ${schoolId}`);
    }
  }

  private toDto(user: User): UserDto {
    return { id: user.id, email: user.email, role: user.role, schoolId: user.schoolId, staffId: user.staffId };
  }
}
