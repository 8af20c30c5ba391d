import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, In, Repository } from 'typeorm';
import { assertCanManageSchool, assertCanReadStaffRecord } from '../auth/access';
import { AuthUser } from '../auth/auth-user';
import { ChangeLogService } from '../change-log/change-log.service';
import { ClockService } from '../clock/clock.service';
import { fieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { School } from '../schools/school.entity';
import { SchoolsService } from '../schools/schools.service';
import { CreateStaffDto, StaffDto, StaffQueryDto, UpdateStaffDto } from './staff.dto';
import { StaffMember } from './staff-member.entity';

@Injectable()
export class StaffService {
  constructor(
    @InjectRepository(StaffMember) private readonly staff: Repository<StaffMember>,
    private readonly schools: SchoolsService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
    private readonly clock: ClockService,
  ) {}

  async findEntity(id: number): Promise<StaffMember> {
    const member = await this.staff.findOneBy({ id });
    if (!member) throw new NotFoundException(`No staff member with id ${id}`);
    return member;
  }

  async findMany(ids: number[]): Promise<StaffMember[]> {
    return ids.length === 0 ? [] : this.staff.findBy({ id: In(ids) });
  }

  /** A staff member the caller may read, or 404/403. */
  async findReadable(user: AuthUser, id: number): Promise<StaffMember> {
    const member = await this.findEntity(id);
    const school = await this.schools.findEntity(member.schoolId);
    assertCanReadStaffRecord(user, member, school.governorsSeeNames);
    return member;
  }

  async list(user: AuthUser, query: StaffQueryDto): Promise<StaffDto[]> {
    if (user.role === 'staff') {
      if (query.schoolId !== undefined && query.schoolId !== user.schoolId)
        throw new ForbiddenException('Staff may see only their own record');
      return user.staffId === null ? [] : [this.toDto(await this.findEntity(user.staffId))];
    }
    const schoolId = user.role === 'admin' ? query.schoolId : (query.schoolId ?? user.schoolId!);
    if (schoolId !== undefined) await this.assertCanListSchool(user, schoolId);
    const where: FindOptionsWhere<StaffMember> = schoolId === undefined ? {} : { schoolId };
    return (await this.staff.find({ where, order: { name: 'ASC', id: 'ASC' } })).map((member) => this.toDto(member));
  }

  async get(user: AuthUser, id: number): Promise<StaffDto> {
    return this.toDto(await this.findReadable(user, id));
  }

  async create(user: AuthUser, dto: CreateStaffDto): Promise<StaffDto> {
    if (user.role !== 'admin') assertCanManageSchool(user, dto.schoolId);
    await this.schools.findEntity(dto.schoolId).catch(() => {
      throw fieldError('schoolId', `schoolId: no school with id ${dto.schoolId}`);
    });
    this.assertDatesInOrder(dto.startDate, dto.leftOn);
    return this.transactions.run(async (manager) => {
      await this.assertEmailFree(manager, dto.email);
      if (dto.misId) await this.assertMisIdFree(manager, dto.schoolId, dto.misId);
      const member = await manager.save(manager.create(StaffMember, dto));
      await this.changeLog.record(manager, user, [
        { entity: 'staff', entityId: member.id, schoolId: member.schoolId, action: 'create', after: member },
      ]);
      return this.toDto(member);
    });
  }

  async update(user: AuthUser, id: number, dto: UpdateStaffDto): Promise<StaffDto> {
    const member = await this.findEntity(id);
    assertCanManageSchool(user, member.schoolId);
    this.assertDatesInOrder(dto.startDate ?? member.startDate, dto.leftOn === undefined ? member.leftOn : dto.leftOn);
    return this.transactions.run(async (manager) => {
      if (dto.email && dto.email !== member.email) await this.assertEmailFree(manager, dto.email);
      if (dto.misId && dto.misId !== member.misId) await this.assertMisIdFree(manager, member.schoolId, dto.misId);
      const before = { ...member };
      const saved = await manager.save(Object.assign(member, dto));
      await this.changeLog.record(manager, user, [
        { entity: 'staff', entityId: id, schoolId: saved.schoolId, action: 'update', before, after: saved },
      ]);
      return this.toDto(saved);
    });
  }

  /** Marks the member as left today; a leave date already passed is kept. Nothing is deleted. */
  async markLeft(user: AuthUser, id: number): Promise<StaffDto> {
    const member = await this.findEntity(id);
    assertCanManageSchool(user, member.schoolId);
    const today = this.clock.today();
    if (member.leftOn !== null && member.leftOn <= today) return this.toDto(member);
    return this.transactions.run(async (manager) => {
      const before = { ...member };
      const saved = await manager.save(Object.assign(member, { leftOn: today }));
      await this.changeLog.record(manager, user, [
        { entity: 'staff', entityId: id, schoolId: saved.schoolId, action: 'delete', before, after: saved },
      ]);
      return this.toDto(saved);
    });
  }

  toDto(member: StaffMember): StaffDto {
    return { ...member, onlineSafetyGroup: Boolean(member.onlineSafetyGroup) };
  }

  private async assertCanListSchool(user: AuthUser, schoolId: number): Promise<School> {
    const school = await this.schools.findEntity(schoolId);
    // Listing a school's staff is reading every member's record.
    assertCanReadStaffRecord(user, { id: -1, schoolId }, school.governorsSeeNames);
    return school;
  }

  private assertDatesInOrder(startDate: string, leftOn: string | null | undefined): void {
    if (leftOn && leftOn < startDate) throw fieldError('leftOn', 'leftOn must not be before startDate');
  }

  private async assertEmailFree(manager: EntityManager, email: string): Promise<void> {
    if (await manager.existsBy(StaffMember, { email }))
      throw new ConflictException(`A staff member with email ${email} already exists`);
  }

  private async assertMisIdFree(manager: EntityManager, schoolId: number, misId: string): Promise<void> {
    if (await manager.existsBy(StaffMember, { schoolId, misId }))
      throw new ConflictException(`A staff member of this school already has MIS id ${misId}`);
  }
}
