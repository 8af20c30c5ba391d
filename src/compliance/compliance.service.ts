import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { ClockService } from '../clock/clock.service';
import { toCsv } from '../common/csv';
import { School } from '../schools/school.entity';
import { SchoolsService } from '../schools/schools.service';
import { buildComplianceReport, memberStanding } from './compliance-report';
import { requirementFigures } from './compliance-rollup';
import { RollupWorkers } from './rollup-workers';
import { ComplianceReport, RequirementRecord, StaffStanding, TrainingStatus } from './compliance.types';
import { ComplianceRollupRowDto, ComplianceSummaryDto, ConcernDto, StaffStatusDto } from './compliance.dto';
import { MemberRecordsLoader } from './member-records.loader';
import { SCHOOLS_PER_STATEMENT, SchoolRecordsLoader, settingsOf } from './school-records.loader';
import { unnamedRows } from './unnamed-rows';
import { isSafeguardingLead } from './staff-standing';

export const CSV_COLUMNS = [
  'staff_id',
  'name',
  'job_title',
  'safeguarding_role',
  'status',
  'expires_on',
  'dsp_advanced_expires_on',
  'overall_status',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
type CsvValue = string | number | null;

@Injectable()
export class ComplianceService {
  constructor(
    @InjectRepository(School) private readonly schools: Repository<School>,
    private readonly schoolsService: SchoolsService,
    private readonly loader: SchoolRecordsLoader,
    private readonly memberLoader: MemberRecordsLoader,
    private readonly clock: ClockService,
    private readonly workers: RollupWorkers,
  ) {}

  async report(school: School): Promise<ComplianceReport> {
    const today = this.clock.today();
    return buildComplianceReport(await this.loader.load(school, today), today);
  }

  /**
   * One member's standing (null unless active) and the school's requirements, from that member's records
   * alone: the same rules as `report`, without loading the rest of the school.
   */
  async memberStanding(
    school: School,
    staffId: number,
  ): Promise<{ standing: StaffStanding | null; requirements: RequirementRecord[] }> {
    const today = this.clock.today();
    const records = await this.memberLoader.load(school, staffId, today);
    return { standing: memberStanding(records, today), requirements: records.requirements };
  }

  async summary(user: AuthUser, schoolId: number): Promise<ComplianceSummaryDto> {
    const school = await this.readableSchool(user, schoolId);
    return this.toSummary(school, await this.report(school), this.showsNames(user, school));
  }

  async csv(user: AuthUser, schoolId: number): Promise<string> {
    const { header, rows } = await this.csvTable(user, schoolId);
    return toCsv(header, rows);
  }

  /** The CSV's columns (machine names, which the pages translate) and rows, one per active member. */
  async csvTable(user: AuthUser, schoolId: number): Promise<{ header: string[]; rows: CsvValue[][] }> {
    const school = await this.readableSchool(user, schoolId);
    const { standings, requirements } = await this.report(school);
    const withNames = this.showsNames(user, school);
    const codes = requirements.map((summary) => summary.requirement.code);
    const rows = [...standings].sort(byName).map((standing) => {
      const statuses = requirementStatuses(standing);
      return [
        standing.staff.id,
        standing.staff.name,
        standing.staff.jobTitle,
        standing.staff.safeguardingRole,
        standing.status,
        standing.expiresOn,
        isSafeguardingLead(standing.staff) ? standing.dspAdvancedExpiresOn : null,
        standing.overallStatus,
        // An empty cell: the requirement does not apply to them.
        ...codes.map((code) => statuses[code] ?? null),
      ];
    });
    // After the fixed columns, the overall status and one column per requirement (its code).
    const header: string[] = [...CSV_COLUMNS, ...codes];
    if (withNames) return { header, rows };
    // Governors get the picture, not the people: nothing that picks out one person.
    const unnamed = unnamedRows(standings);
    const shared = codes.filter((code) => unnamed.some((row) => code in row.requirements));
    return {
      header: ['status', 'expires_on', 'overall_status', ...shared],
      rows: unnamed.map((row) => [
        row.status,
        row.expiresOn,
        row.overallStatus,
        ...shared.map((code) => row.requirements[code] ?? null),
      ]),
    };
  }

  /**
   * One row per school, for admins across a local authority or trust. Read a chunk of
   * schools at a time; a worker thread applies the rules to one chunk while the next is
   * read, and at most one more waits, so memory stays bounded by a few chunks.
   */
  async rollup(): Promise<ComplianceRollupRowDto[]> {
    const today = this.clock.today();
    const schools = await this.schools.find({ order: { name: 'ASC', id: 'ASC' } });
    const chunks: Promise<ComplianceRollupRowDto[]>[] = [];
    for (let start = 0; start < schools.length; start += SCHOOLS_PER_STATEMENT) {
      if (chunks.length >= 2) await chunks[chunks.length - 2];
      const chunk = schools.slice(start, start + SCHOOLS_PER_STATEMENT);
      const answer = await this.loader.answerFor(chunk, today);
      const plain = chunk.map((school) => ({ id: school.id, name: school.name, settings: settingsOf(school) }));
      chunks.push(this.workers.rows(plain, answer, today));
      // Handled when awaited below; without this, a failure while the next chunk is read would be unhandled.
      chunks[chunks.length - 1].catch(() => undefined);
    }
    return (await Promise.all(chunks)).flat();
  }

  async readableSchool(user: AuthUser, schoolId: number): Promise<School> {
    return this.schoolsService.findInScope(user, schoolId, 'read');
  }

  private showsNames(user: AuthUser, school: School): boolean {
    return user.role !== 'governor' || Boolean(school.governorsSeeNames);
  }

  private toSummary(school: School, report: ComplianceReport, withNames: boolean): ComplianceSummaryDto {
    const concerns: ConcernDto[] = report.concerns.map(({ staffIds, ...concern }) => ({
      ...concern,
      staffCount: staffIds.length,
      ...(withNames ? { staffIds } : {}),
    }));
    return {
      schoolId: school.id,
      schoolName: school.name,
      asOf: report.asOf,
      activeStaff: report.activeStaff,
      counts: report.counts,
      percentCurrent: report.percentCurrent,
      requirements: report.requirements.map(requirementFigures),
      // Without names, the order must not give them away: worst first, then soonest expiry.
      staff: withNames ? [...report.standings].sort(byName).map(staffStatus) : unnamedRows(report.standings),
      concerns,
    };
  }
}

// The order localeCompare gives, from one collator made once rather than looked up per comparison.
const NAME_ORDER = new Intl.Collator();

function byName(a: StaffStanding, b: StaffStanding): number {
  return NAME_ORDER.compare(a.staff.name, b.staff.name) || a.staff.id - b.staff.id;
}

function requirementStatuses(standing: StaffStanding): Record<string, TrainingStatus> {
  return Object.fromEntries(standing.requirements.map((own) => [own.requirement.code, own.status]));
}

function staffStatus(standing: StaffStanding): StaffStatusDto {
  const lead = isSafeguardingLead(standing.staff);
  return {
    id: standing.staff.id,
    name: standing.staff.name,
    jobTitle: standing.staff.jobTitle,
    safeguardingRole: standing.staff.safeguardingRole,
    status: standing.status,
    expiresOn: standing.expiresOn,
    ...(lead ? { dspAdvancedExpiresOn: standing.dspAdvancedExpiresOn } : {}),
    overallStatus: standing.overallStatus,
    requirements: requirementStatuses(standing),
  };
}
