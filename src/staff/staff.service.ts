import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, In, IsNull, LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { Intent, ScopeFilter, scopeFor } from '../auth/scope';
import { ChangeLogService } from '../change-log/change-log.service';
import { ClockService } from '../clock/clock.service';
import { conflict, fieldError, problem, refusal } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { SchoolsService } from '../schools/schools.service';
import { CreateStaffDto, StaffDto, StaffQueryDto, UpdateStaffDto } from './staff.dto';
import { StaffMember } from './staff-member.entity';
import { assertDaysInRange } from '../common/validation/day-range';
import { hasLeftBy } from '../common/day';

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
    if (!member) throw new NotFoundException(notFound(id));
    return member;
  }

  async findMany(ids: number[]): Promise<StaffMember[]> {
    return ids.length === 0 ? [] : this.staff.findBy({ id: In(ids) });
  }

  async idsInSchool(schoolId: number): Promise<number[]> {
    const rows = await this.staff.find({ where: { schoolId }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /** A staff member the caller may read or change; 404 outside their scope, 403 outside their role. */
  async findInScope(user: AuthUser, id: number, intent: Intent): Promise<StaffMember> {
    const member = await this.findEntity(id);
    const school = await this.schools.findEntity(member.schoolId);
    scopeFor(user, {
      kind: 'people',
      intent,
      schoolId: member.schoolId,
      staffId: member.id,
      governorsSeeNames: school.governorsSeeNames,
      notFound: notFound(id),
    });
    return member;
  }

  /** The staff a request body names, each in the caller's scope to change, else 400 naming the field. */
  async findForBody(
    user: AuthUser,
    field: string,
    ids: number[],
    kind: 'people' | 'own-training' = 'people',
  ): Promise<StaffMember[]> {
    const found = await this.findMany(ids);
    const missing = ids.filter((id) => !found.some((member) => member.id === id));
    if (missing.length > 0) throw fieldError(field, `${field}: no staff member with id ${missing.join(', ')}`);
    for (const member of found) {
      const refusal = fieldError(field, `${field}: no staff member with id ${member.id}`);
      scopeFor(user, { kind, intent: 'write', schoolId: member.schoolId, staffId: member.id, notFound: refusal });
    }
    return ids.map((id) => found.find((member) => member.id === id)!);
  }

  /** The filter for people's records the caller may read, for this and the other record services. */
  async readScope(user: AuthUser, schoolId?: number): Promise<ScopeFilter> {
    const ownSchool = schoolId ?? user.schoolId ?? undefined;
    const school = ownSchool === undefined ? null : await this.schools.findEntity(ownSchool);
    return scopeFor(user, {
      kind: 'people',
      intent: 'read',
      schoolId,
      governorsSeeNames: school?.governorsSeeNames ?? false,
      notFound: `No school with id ${schoolId}`,
    });
  }

  async list(user: AuthUser, query: StaffQueryDto): Promise<StaffDto[]> {
    const { schoolId, staffId } = await this.readScope(user, query.schoolId);
    const where: FindOptionsWhere<StaffMember> = { schoolId, id: staffId };
    return (await this.staff.find({ where, order: { name: 'ASC', id: 'ASC' } })).map((member) => this.toDto(member));
  }

  /**
   * The staff active today in the caller's school (started, and not left by today), by name: whom a
   * form may offer. A future starter is left out, as from every figure: nothing can be recorded for them yet.
   */
  async listActive(user: AuthUser): Promise<StaffDto[]> {
    const { schoolId, staffId } = await this.readScope(user);
    const today = this.clock.today();
    const started: FindOptionsWhere<StaffMember> = { schoolId, id: staffId, startDate: LessThanOrEqual(today) };
    const members = await this.staff.find({
      where: [
        { ...started, leftOn: IsNull() },
        { ...started, leftOn: MoreThan(today) },
      ],
      order: { name: 'ASC', id: 'ASC' },
    });
    return members.map((member) => this.toDto(member));
  }

  async get(user: AuthUser, id: number): Promise<StaffDto> {
    return this.toDto(await this.findInScope(user, id, 'read'));
  }

  async create(user: AuthUser, dto: CreateStaffDto): Promise<StaffDto> {
    const noSchool = fieldError('schoolId', `schoolId: no school with id ${dto.schoolId}`);
    scopeFor(user, { kind: 'people', intent: 'write', schoolId: dto.schoolId, notFound: noSchool });
    await this.schools.findEntity(dto.schoolId).catch(() => {
      throw noSchool;
    });
    this.assertDaysInRange(dto);
    this.assertDatesInOrder(dto.startDate, dto.leftOn);
    return this.transactions.run(async (manager) => {
      await this.assertEmailFree(manager, dto.schoolId, dto.email);
      if (dto.misId) await this.assertMisIdFree(manager, dto.schoolId, dto.misId);
      const member = await manager.save(manager.create(StaffMember, dto));
      await this.changeLog.record(manager, user, [
        { entity: 'staff', entityId: member.id, schoolId: member.schoolId, action: 'create', after: member },
      ]);
      return this.toDto(member);
    });
  }

  async update(user: AuthUser, id: number, dto: UpdateStaffDto): Promise<StaffDto> {
    const member = await this.findInScope(user, id, 'write');
    this.assertDaysInRange(dto);
    this.assertDatesInOrder(dto.startDate ?? member.startDate, dto.leftOn === undefined ? member.leftOn : dto.leftOn);
    return this.transactions.run(async (manager) => {
      if (dto.email && dto.email !== member.email) await this.assertEmailFree(manager, member.schoolId, dto.email);
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
    const member = await this.findInScope(user, id, 'write');
    const today = this.clock.today();
    if (hasLeftBy(member.leftOn, today)) return this.toDto(member);
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
    return {
      id: member.id,
      schoolId: member.schoolId,
      name: member.name,
      email: member.email,
      jobTitle: member.jobTitle,
      startDate: member.startDate,
      leftOn: member.leftOn,
      safeguardingRole: member.safeguardingRole,
      // SQLite hands booleans back as 0/1.
      onlineSafetyGroup: Boolean(member.onlineSafetyGroup),
      seniorLeader: Boolean(member.seniorLeader),
      filteringLead: Boolean(member.filteringLead),
      language: member.language,
      misId: member.misId,
    };
  }

  /** A start or leave date may be planned, but not further than a year ahead. */
  private assertDaysInRange(dto: { startDate?: string; leftOn?: string | null }): void {
    assertDaysInRange(this.clock.today(), [
      ['startDate', dto.startDate, 'planned'],
      ['leftOn', dto.leftOn, 'planned'],
    ]);
  }

  private assertDatesInOrder(startDate: string, leftOn: string | null | undefined): void {
    if (leftOn && leftOn < startDate)
      throw refusal(
        problem('leftOn', 'staff-left-before-start', { leftOn, startDate }, 'leftOn must not be before startDate'),
      );
  }

  /** Within the school only: other schools' staff are neither refused nor revealed. */
  private async assertEmailFree(manager: EntityManager, schoolId: number, email: string): Promise<void> {
    if (await manager.existsBy(StaffMember, { schoolId, email }))
      throw conflict(
        problem('email', 'staff-email-taken', { email }, `A staff member of this school already has email ${email}`),
      );
  }

  private async assertMisIdFree(manager: EntityManager, schoolId: number, misId: string): Promise<void> {
    if (await manager.existsBy(StaffMember, { schoolId, misId }))
      throw conflict(
        problem('misId', 'staff-misid-taken', { misId }, `A staff member of this school already has MIS id ${misId}`),
      );
  }
}

function notFound(id: number): string {
  return `No staff member with id ${id}`;
}
