import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { Intent, RecordKind, scopeFor } from '../auth/scope';
import { ChangeDto, ChangesQueryDto } from '../change-log/change.dto';
import { ChangeLogService } from '../change-log/change-log.service';
import { conflict, fieldError, problem } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { insertDefaultRequirements } from '../requirements/requirement-defaults';
import { StaffMember } from '../staff/staff-member.entity';
import { CreateSchoolDto, SchoolDto, UpdateSchoolDto } from './school.dto';
import { DEFAULT_SETTINGS, School } from './school.entity';
import { ClockService } from '../clock/clock.service';
import { assertDaysInRange } from '../common/validation/day-range';

@Injectable()
export class SchoolsService {
  constructor(
    @InjectRepository(School) private readonly schools: Repository<School>,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
    private readonly clock: ClockService,
  ) {}

  async findEntity(id: number): Promise<School> {
    const school = await this.schools.findOneBy({ id });
    if (!school) throw new NotFoundException(notFound(id));
    return school;
  }

  /** A school whose records the caller may read or change; 404 for another school, 403 outside their role. */
  async findInScope(user: AuthUser, id: number, intent: Intent, kind: RecordKind = 'school'): Promise<School> {
    const school = await this.findEntity(id);
    scopeFor(user, { kind, intent, schoolId: id, notFound: notFound(id) });
    return school;
  }

  async list(user: AuthUser): Promise<SchoolDto[]> {
    const { schoolId } = scopeFor(user, { kind: 'school', intent: 'read', notFound: 'No school for this account' });
    const schools = await this.schools.find({ where: { id: schoolId }, order: { id: 'ASC' } });
    return schools.map((school) => this.toDto(school));
  }

  async get(user: AuthUser, id: number): Promise<SchoolDto> {
    return this.toDto(await this.findInScope(user, id, 'read'));
  }

  /** The school's change log, newest first: its DSP and admins. */
  async changes(user: AuthUser, id: number, query: ChangesQueryDto): Promise<ChangeDto[]> {
    await this.findInScope(user, id, 'read', 'changes');
    return this.changeLog.list(query, id);
  }

  async create(user: AuthUser, dto: CreateSchoolDto): Promise<SchoolDto> {
    this.checkNew(dto);
    return this.transactions.run((manager) => this.createWithin(manager, user, dto));
  }

  /** Refuses what a new school cannot have, before any transaction starts. */
  checkNew(dto: CreateSchoolDto): void {
    this.assertReviewNotAhead(dto);
    if (dto.trainingCoordinatorId != null) {
      throw fieldError(
        'trainingCoordinatorId',
        'trainingCoordinatorId: a new school has no staff yet; set the coordinator after adding them',
      );
    }
  }

  /** The school inside the caller's transaction, so its first accounts can be saved with it or not at all. */
  async createWithin(manager: EntityManager, user: AuthUser, dto: CreateSchoolDto): Promise<SchoolDto> {
    await this.assertNameFree(manager, dto.name);
    const school = await manager.save(
      manager.create(School, {
        ...dto,
        reminderOffsetsDays: dto.reminderOffsetsDays ?? [...DEFAULT_SETTINGS.reminderOffsetsDays],
      }),
    );
    await insertDefaultRequirements(manager, school.id);
    await this.changeLog.record(manager, user, [
      { entity: 'school', entityId: school.id, schoolId: school.id, action: 'create', after: school },
    ]);
    return this.toDto(school);
  }

  async update(user: AuthUser, id: number, dto: UpdateSchoolDto): Promise<SchoolDto> {
    const school = await this.findInScope(user, id, 'write');
    this.assertReviewNotAhead(dto);
    return this.transactions.run(async (manager) => {
      if (dto.name !== undefined) await this.assertNameFree(manager, dto.name, id);
      if (dto.trainingCoordinatorId != null) {
        const coordinator = await manager.findOneBy(StaffMember, { id: dto.trainingCoordinatorId, schoolId: id });
        if (!coordinator)
          throw fieldError(
            'trainingCoordinatorId',
            `trainingCoordinatorId: no staff member ${dto.trainingCoordinatorId} at this school`,
          );
      }
      const before = { ...school };
      const saved = await manager.save(Object.assign(school, dto));
      await this.changeLog.record(manager, user, [
        { entity: 'school', entityId: id, schoolId: id, action: 'update', before, after: saved },
      ]);
      return this.toDto(saved);
    });
  }

  /**
   * Two schools of one name would be told apart by nobody (the admin's roll-up, the
   * add-a-DSP list): 409 naming `name`, whatever the letter case or spaces around it.
   * Compared here rather than with SQL LOWER(), which SQLite applies to ASCII only (Ysgol Gŵyr).
   */
  private async assertNameFree(manager: EntityManager, name: string, exceptId?: number): Promise<void> {
    const key = (text: string) => text.trim().toLocaleLowerCase('cy');
    const others = await manager.find(School, { select: { id: true, name: true } });
    if (others.some((other) => other.id !== exceptId && key(other.name) === key(name)))
      throw conflict(problem('name', 'school-name-taken', { name }, `A school named ${name} already exists`));
  }

  /** A review dated ahead would silence the filtering-review concern until then. */
  private assertReviewNotAhead(dto: { filteringReviewedOn?: string | null }): void {
    assertDaysInRange(this.clock.today(), [['filteringReviewedOn', dto.filteringReviewedOn, 'past']]);
  }

  private toDto(school: School): SchoolDto {
    return {
      id: school.id,
      name: school.name,
      kind: school.kind,
      annualRefreshMonths: school.annualRefreshMonths,
      inductionWindowDays: school.inductionWindowDays,
      dueSoonDays: school.dueSoonDays,
      coverageThresholdPercent: school.coverageThresholdPercent,
      reminderOffsetsDays: [...school.reminderOffsetsDays],
      coordinatorCopyAfterDays: school.coordinatorCopyAfterDays,
      trainingCoordinatorId: school.trainingCoordinatorId,
      filteringReviewedOn: school.filteringReviewedOn,
      // SQLite hands booleans back as 0/1.
      governorsSeeNames: Boolean(school.governorsSeeNames),
      expiryBasis: school.expiryBasis,
      academicYearGraceDays: school.academicYearGraceDays,
    };
  }
}

function notFound(id: number): string {
  return `No school with id ${id}`;
}
