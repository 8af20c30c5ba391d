import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { ChangeLogService } from '../change-log/change-log.service';
import { conflict, fieldError, problem } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { ONLINE_SAFETY_REQUIREMENT, PERMANENT_REQUIREMENTS } from '../compliance/default-requirements';
import { School } from '../schools/school.entity';
import { SchoolsService } from '../schools/schools.service';
import { CreateRequirementDto, RequirementDto, UpdateRequirementDto } from './requirement.dto';
import { TrainingRequirement } from './training-requirement.entity';

/** The school's training matrix: read by its DSP, governors and admins; changed by its DSP and admins. */
@Injectable()
export class RequirementsService {
  constructor(
    @InjectRepository(TrainingRequirement) private readonly requirements: Repository<TrainingRequirement>,
    private readonly schools: SchoolsService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
  ) {}

  async list(user: AuthUser, schoolId: number): Promise<RequirementDto[]> {
    const school = await this.schools.findInScope(user, schoolId, 'read');
    const rows = await this.requirements.find({ where: { schoolId }, order: { id: 'ASC' } });
    return rows.map((row) => this.toDto(row, school));
  }

  async findOne(user: AuthUser, schoolId: number, code: string): Promise<RequirementDto> {
    const school = await this.schools.findInScope(user, schoolId, 'read');
    return this.toDto(await this.findRow(schoolId, code), school);
  }

  async create(user: AuthUser, schoolId: number, dto: CreateRequirementDto): Promise<RequirementDto> {
    const school = await this.manageable(user, schoolId);
    return this.transactions.run(async (manager) => {
      if (await manager.findOneBy(TrainingRequirement, { schoolId, code: dto.code }))
        throw conflict(
          problem(
            'code',
            'requirement-code-taken',
            { code: dto.code },
            `This school already has a requirement with code ${dto.code}`,
          ),
        );
      const row = manager.create(TrainingRequirement, {
        ...dto,
        schoolId,
        induction: dto.induction ?? false,
        ...this.refreshOf(dto, school, { refreshMonths: null, followsAnnualRefresh: false }),
      });
      const saved = await manager.save(row);
      await this.changeLog.record(manager, user, [
        { entity: 'requirement', entityId: saved.id, schoolId, action: 'create', after: saved },
      ]);
      return this.toDto(saved, school);
    });
  }

  async update(user: AuthUser, schoolId: number, code: string, dto: UpdateRequirementDto): Promise<RequirementDto> {
    const school = await this.manageable(user, schoolId);
    const row = await this.findRow(schoolId, code);
    if (code === ONLINE_SAFETY_REQUIREMENT.code) {
      // The headline figures are this requirement's, for all staff, on online safety.
      for (const field of ['audience', 'topics'] as const)
        if (dto[field] !== undefined)
          throw fieldError(field, `${field}: the online-safety requirement is for all staff, on online safety`);
    }
    return this.transactions.run(async (manager) => {
      const before = { ...row };
      const { refreshMonths: _refresh, followsAnnualRefresh: _follows, ...rest } = dto;
      Object.assign(row, rest, this.refreshOf(dto, school, row));
      const saved = await manager.save(row);
      await this.changeLog.record(manager, user, [
        { entity: 'requirement', entityId: row.id, schoolId, action: 'update', before, after: saved },
      ]);
      return this.toDto(saved, school);
    });
  }

  async remove(user: AuthUser, schoolId: number, code: string): Promise<void> {
    await this.manageable(user, schoolId);
    const row = await this.findRow(schoolId, code);
    if (PERMANENT_REQUIREMENTS.includes(code))
      throw conflict(
        problem(
          '',
          'requirement-permanent',
          { code },
          `The ${code} requirement is one of the guidance’s own and cannot be removed`,
        ),
      );
    await this.transactions.run(async (manager) => {
      await manager.delete(TrainingRequirement, { id: row.id });
      await this.changeLog.record(manager, user, [
        { entity: 'requirement', entityId: row.id, schoolId, action: 'delete', before: row },
      ]);
    });
  }

  private manageable(user: AuthUser, schoolId: number): Promise<School> {
    return this.schools.findInScope(user, schoolId, 'write');
  }

  private async findRow(schoolId: number, code: string): Promise<TrainingRequirement> {
    const row = await this.requirements.findOneBy({ schoolId, code });
    if (!row) throw new NotFoundException(`No requirement ${code} at this school`);
    return row;
  }

  /**
   * The refresh columns after a request. Following the annual refresh and a fixed
   * period exclude each other; sending back what GET answered (the months in force
   * with followsAnnualRefresh) is accepted unchanged.
   */
  private refreshOf(
    dto: Pick<CreateRequirementDto, 'refreshMonths' | 'followsAnnualRefresh'>,
    school: School,
    current: Pick<TrainingRequirement, 'refreshMonths' | 'followsAnnualRefresh'>,
  ): Pick<TrainingRequirement, 'refreshMonths' | 'followsAnnualRefresh'> {
    if (dto.followsAnnualRefresh === true) {
      if (dto.refreshMonths !== undefined && dto.refreshMonths !== school.annualRefreshMonths)
        throw fieldError(
          'refreshMonths',
          'refreshMonths: leave it out when the requirement follows the school’s annual refresh months',
        );
      return { refreshMonths: null, followsAnnualRefresh: true };
    }
    if (dto.refreshMonths !== undefined) return { refreshMonths: dto.refreshMonths, followsAnnualRefresh: false };
    if (dto.followsAnnualRefresh === false)
      return { refreshMonths: current.refreshMonths, followsAnnualRefresh: false };
    return { refreshMonths: current.refreshMonths, followsAnnualRefresh: current.followsAnnualRefresh };
  }

  private toDto(row: TrainingRequirement, school: School): RequirementDto {
    const follows = Boolean(row.followsAnnualRefresh);
    return {
      code: row.code,
      titleEn: row.titleEn,
      titleCy: row.titleCy,
      audience: row.audience,
      topics: row.topics,
      refreshMonths: follows ? school.annualRefreshMonths : row.refreshMonths,
      followsAnnualRefresh: follows,
      induction: Boolean(row.induction),
      removable: !PERMANENT_REQUIREMENTS.includes(row.code),
    };
  }
}
