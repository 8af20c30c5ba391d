import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, FindOptionsWhere, LessThanOrEqual, MoreThanOrEqual, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { SchoolsService } from '../schools/schools.service';
import { fieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { School } from '../schools/school.entity';
import { ComplianceSnapshot, SnapshotRequirement } from './compliance-snapshot.entity';
import { ComplianceReport } from './compliance.types';
import { HistoryQueryDto, SnapshotDto } from './compliance.dto';
import { ComplianceService } from './compliance.service';

/** Daily snapshots of each school's figures: the trend governors want to see. */
@Injectable()
export class ComplianceHistoryService {
  private readonly logger = new Logger(ComplianceHistoryService.name);

  constructor(
    @InjectRepository(ComplianceSnapshot) private readonly snapshots: Repository<ComplianceSnapshot>,
    @InjectRepository(School) private readonly schools: Repository<School>,
    private readonly compliance: ComplianceService,
    private readonly schoolsService: SchoolsService,
    private readonly transactions: TransactionService,
  ) {}

  async history(user: AuthUser, schoolId: number, query: HistoryQueryDto): Promise<SnapshotDto[]> {
    await this.compliance.readableSchool(user, schoolId);
    if (query.from && query.to && query.from > query.to) throw fieldError('from', 'from must not be after to');
    const where: FindOptionsWhere<ComplianceSnapshot> = { schoolId };
    if (query.from && query.to) where.takenOn = Between(query.from, query.to);
    else if (query.from) where.takenOn = MoreThanOrEqual(query.from);
    else if (query.to) where.takenOn = LessThanOrEqual(query.to);
    return (await this.snapshots.find({ where, order: { takenOn: 'ASC' } })).map((snapshot) => this.toDto(snapshot));
  }

  /** On demand, by the school's DSP or an admin. */
  async snapshotFor(user: AuthUser, schoolId: number): Promise<SnapshotDto> {
    const school = await this.schoolsService.findInScope(user, schoolId, 'write');
    return this.toDto(await this.take(school));
  }

  /** The daily job: one snapshot per school; a failure for one school does not stop the rest. */
  async snapshotAll(): Promise<number> {
    let taken = 0;
    for (const school of await this.schools.find()) {
      try {
        await this.take(school);
        taken += 1;
      } catch (error) {
        this.logger.error(`Snapshot of school ${school.id} failed: ${(error as Error).message}`);
      }
    }
    return taken;
  }

  /** Taking a second snapshot the same day replaces the first. */
  private async take(school: School): Promise<ComplianceSnapshot> {
    const report = await this.compliance.report(school);
    const values = {
      schoolId: school.id,
      takenOn: report.asOf,
      activeStaff: report.activeStaff,
      percentCurrent: report.percentCurrent,
      counts: report.counts,
      requirements: snapshotRequirements(report),
      concernCodes: report.concerns.map((concern) => concern.code),
    };
    await this.transactions.run((manager) => manager.upsert(ComplianceSnapshot, values, ['schoolId', 'takenOn']));
    return this.snapshots.findOneByOrFail({ schoolId: school.id, takenOn: report.asOf });
  }

  private toDto(snapshot: ComplianceSnapshot): SnapshotDto {
    return {
      date: snapshot.takenOn,
      activeStaff: snapshot.activeStaff,
      percentCurrent: snapshot.percentCurrent === null ? null : Number(snapshot.percentCurrent),
      counts: snapshot.counts,
      requirements: snapshot.requirements ?? [],
      concerns: snapshot.concernCodes,
    };
  }
}

/** What a snapshot keeps of each requirement: its figures, under its code (titles may change later). */
export function snapshotRequirements(report: ComplianceReport): SnapshotRequirement[] {
  return report.requirements.map((summary) => ({
    code: summary.requirement.code,
    applies: summary.applies,
    counts: summary.counts,
    percentCurrent: summary.percentCurrent,
  }));
}
