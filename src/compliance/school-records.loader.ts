import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Day } from '../common/day';
import { School } from '../schools/school.entity';
import { TrainingRequirement } from '../requirements/training-requirement.entity';
import { ComplianceSettings, RequirementRecord, SchoolRecords, StaffRecord } from './compliance.types';
import {
  AuditRow,
  CompletionRow,
  CourseRow,
  Dialect,
  RequirementRow,
  schoolRecordsParams,
  schoolRecordsSql,
  StaffRow,
} from './school-records.sql';

export function settingsOf(school: School): ComplianceSettings {
  return {
    annualRefreshMonths: school.annualRefreshMonths,
    inductionWindowDays: school.inductionWindowDays,
    dueSoonDays: school.dueSoonDays,
    coverageThresholdPercent: school.coverageThresholdPercent,
    trainingCoordinatorId: school.trainingCoordinatorId,
    filteringReviewedOn: school.filteringReviewedOn,
    reminderOffsetsDays: school.reminderOffsetsDays,
    coordinatorCopyAfterDays: school.coordinatorCopyAfterDays,
    expiryBasis: school.expiryBasis,
    academicYearGraceDays: school.academicYearGraceDays,
  };
}

export function toRecord(requirement: TrainingRequirement): RequirementRecord {
  return {
    code: requirement.code,
    titleEn: requirement.titleEn,
    titleCy: requirement.titleCy,
    audience: requirement.audience,
    topics: requirement.topics,
    refreshMonths: requirement.followsAnnualRefresh ? 'annual' : requirement.refreshMonths,
    induction: Boolean(requirement.induction),
  };
}

/**
 * Loads what the rules need, set-based, for one school or for many in one statement
 * (see `schoolRecordsSql`).
 */
@Injectable()
export class SchoolRecordsLoader {
  private readonly dialect: Dialect;
  private readonly sql: string;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.sql = schoolRecordsSql(this.dialect);
  }

  async load(school: School, today: Day): Promise<SchoolRecords> {
    return (await this.loadMany([school], today)).get(school.id)!;
  }

  /**
   * Hands each chunk of schools' records to `use` in turn: memory stays bounded by
   * the chunk however many schools there are.
   */
  async forEachChunk(
    schools: School[],
    today: Day,
    use: (school: School, records: SchoolRecords) => void,
    chunkSize = 100,
  ): Promise<void> {
    for (let start = 0; start < schools.length; start += chunkSize) {
      const chunk = schools.slice(start, start + chunkSize);
      const records = await this.loadMany(chunk, today);
      for (const school of chunk) use(school, records.get(school.id)!);
    }
  }

  /** The given schools' records, from one statement however many schools. */
  async loadMany(schools: School[], today: Day): Promise<Map<number, SchoolRecords>> {
    const [answer] = await this.dataSource.query<Record<keyof LoadedRows, unknown>[]>(
      this.sql,
      schoolRecordsParams(
        this.dialect,
        schools.map((school) => school.id),
        today,
      ),
    );
    return assemble(schools, parseRows(answer));
  }
}

interface LoadedRows {
  courses: CourseRow[];
  staff: StaffRow[];
  completions: CompletionRow[];
  audits: AuditRow[];
  requirements: RequirementRow[];
}

/** SQLite answers JSON as text; PostgreSQL's driver parses it, and gives null for an empty aggregate. */
function parseRows(answer: Record<keyof LoadedRows, unknown>): LoadedRows {
  const parse = <T>(value: unknown): T[] =>
    typeof value === 'string' ? (JSON.parse(value) as T[]) : ((value ?? []) as T[]);
  return {
    courses: parse(answer.courses),
    staff: parse(answer.staff),
    completions: parse(answer.completions),
    audits: parse(answer.audits),
    requirements: parse(answer.requirements),
  };
}

function assemble(schools: School[], rows: LoadedRows): Map<number, SchoolRecords> {
  const records = new Map<number, SchoolRecords>(
    schools.map((school) => [
      school.id,
      { settings: settingsOf(school), staff: [], completions: [], audits: [], requirements: [] },
    ]),
  );
  for (const row of rows.requirements) records.get(row[0])?.requirements.push(requirementOf(row));
  const schoolOfStaff = new Map<number, SchoolRecords>();
  for (const row of rows.staff) {
    const school = records.get(row[1]);
    if (!school) continue;
    schoolOfStaff.set(row[0], school);
    school.staff.push(staffOf(row));
  }
  const courses = new Map(rows.courses.map((row) => [row[0], row]));
  for (const [staffId, courseId, prior, completedOn, expiresOn] of rows.completions) {
    const [, topics, courseContentReviewedOn, validityMonths] = courses.get(courseId)!;
    schoolOfStaff.get(staffId)?.completions.push({
      staffId,
      courseId,
      completedOn,
      expiresOn,
      validityMonths,
      topics,
      courseContentReviewedOn,
      prior: Boolean(prior),
    });
  }
  for (const [staffId, auditedOn, needs] of rows.audits)
    schoolOfStaff.get(staffId)?.audits.push({ staffId, auditedOn, needs });
  return records;
}

function staffOf(row: StaffRow): StaffRecord {
  return {
    id: row[0],
    name: row[2],
    email: row[3],
    language: row[4],
    jobTitle: row[5],
    startDate: row[6],
    leftOn: row[7],
    safeguardingRole: row[8],
    onlineSafetyGroup: Boolean(row[9]),
    seniorLeader: Boolean(row[10]),
    filteringLead: Boolean(row[11]),
  };
}

function requirementOf(row: RequirementRow): RequirementRecord {
  const [, code, titleEn, titleCy, audience, topics, refreshMonths, followsAnnualRefresh, induction] = row;
  return {
    code,
    titleEn,
    titleCy,
    audience,
    topics,
    refreshMonths: followsAnnualRefresh ? 'annual' : refreshMonths,
    induction: Boolean(induction),
  };
}
