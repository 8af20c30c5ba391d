import { ComplianceSettings, RequirementRecord, SchoolRecords, StaffRecord } from './compliance.types';
import { AuditRow, CompletionRow, CourseRow, RequirementRow, StaffRow } from './school-records.sql';

/** What `schoolRecordsSql` answers: one row whose columns each hold a JSON array of rows. */
export type SchoolRecordsAnswer = Record<keyof LoadedRows, unknown>;

/** A school as the rules see it: its id and settings, without the entity. */
export interface SchoolSettings {
  id: number;
  settings: ComplianceSettings;
}

/**
 * The answer of `schoolRecordsSql` turned into each school's records. Pure, so that it
 * can run wherever the rules run (the roll-up runs it off the main thread).
 */
export function schoolRecordsFrom(schools: SchoolSettings[], answer: SchoolRecordsAnswer): Map<number, SchoolRecords> {
  return assemble(schools, parseRows(answer));
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

function assemble(schools: SchoolSettings[], rows: LoadedRows): Map<number, SchoolRecords> {
  const records = new Map<number, SchoolRecords>(
    schools.map((school) => [
      school.id,
      { settings: school.settings, staff: [], completions: [], audits: [], requirements: [] },
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
  return requirementRecord({
    code,
    titleEn,
    titleCy,
    audience,
    topics,
    refreshMonths,
    followsAnnualRefresh,
    induction,
  });
}

/** A requirement as the rules read it, from its stored fields (a row here, the entity for one member). */
export function requirementRecord(stored: {
  code: string;
  titleEn: string;
  titleCy: string;
  audience: RequirementRecord['audience'];
  topics: RequirementRecord['topics'];
  refreshMonths: number | null;
  // SQLite has no booleans: 0 or 1 there.
  followsAnnualRefresh: boolean | number;
  induction: boolean | number;
}): RequirementRecord {
  return {
    code: stored.code,
    titleEn: stored.titleEn,
    titleCy: stored.titleCy,
    audience: stored.audience,
    topics: stored.topics,
    refreshMonths: stored.followsAnnualRefresh ? 'annual' : stored.refreshMonths,
    induction: Boolean(stored.induction),
  };
}
