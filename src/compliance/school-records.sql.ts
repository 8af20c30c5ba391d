import { Day } from '../common/day';
import { Language } from '../common/language';
import { Topic } from '../courses/course.entity';
import { TrainingNeed } from '../needs-audits/needs-audit.entity';
import { SafeguardingRole } from '../staff/staff-member.entity';
import { Audience } from './compliance.types';

export type Dialect = 'sqlite' | 'postgres';

/** Each part of the answer: one JSON array of rows, each row an array of these columns in this order. */
export type CourseRow = [id: number, topics: Topic[], contentReviewedOn: Day, validityMonths: number];
export type StaffRow = [
  id: number,
  schoolId: number,
  name: string,
  email: string,
  language: Language,
  jobTitle: string | null,
  startDate: Day,
  leftOn: Day | null,
  safeguardingRole: SafeguardingRole,
  // SQLite has no booleans: 0 or 1 there, true or false on PostgreSQL.
  onlineSafetyGroup: boolean | number,
  seniorLeader: boolean | number,
  filteringLead: boolean | number,
];
export type CompletionRow = [
  staffId: number,
  courseId: number,
  prior: boolean | number,
  completedOn: Day,
  expiresOn: Day,
];
export type AuditRow = [staffId: number, auditedOn: Day, needs: TrainingNeed[]];
export type RequirementRow = [
  schoolId: number,
  code: string,
  titleEn: string,
  titleCy: string,
  audience: Audience,
  topics: Topic[],
  refreshMonths: number | null,
  followsAnnualRefresh: boolean | number,
  induction: boolean | number,
];

/** How many schools one statement reads: one school's summary is asked far more often than any other read. */
export type Reach = 'one' | 'many';

const SQL = {
  sqlite: {
    // A list read from JSON costs SQLite a table per use (seven here): for one school, a plain parameter.
    ids: (reach: Reach) => (reach === 'one' ? '(@id)' : `(SELECT value FROM json_each(@ids))`),
    today: '@today',
    rows: (columns: string, order = '') => `json_group_array(json_array(${columns})${order && ` ORDER BY ${order}`})`,
    json: (column: string) => `json(${column})`,
  },
  postgres: {
    ids: (reach: Reach) => (reach === 'one' ? '($1::int)' : `(SELECT unnest($1::int[]))`),
    today: '$2',
    rows: (columns: string, order = '') => `json_agg(json_build_array(${columns})${order && ` ORDER BY ${order}`})`,
    json: (column: string) => `${column}::json`,
  },
} as const;

/**
 * Everything the rules read for some schools, in one statement: one row whose five
 * columns each hold a JSON array of rows. Handing the rows over as one JSON text
 * each, rather than row by row, is most of the saving: the driver builds a JavaScript
 * object per row and value far more slowly than JSON.parse reads them (three times
 * the cost of the query itself at 1,500 schools). One statement also reads one
 * snapshot of the data.
 *
 * Completions are reduced in SQL to the latest of each course for each member active
 * today, prior training kept apart: the same reduction as `latestCompletionPerCourse`
 * (see there why it loses nothing), so that only those rows travel. For today that
 * reduction is already stored, in `latest_completion` (kept by triggers), and read
 * from there: a fifth of the rows, and no grouping.
 */
export function schoolRecordsSql(dialect: Dialect, reach: Reach): string {
  const { today, rows, json } = SQL[dialect];
  const ids = SQL[dialect].ids(reach);
  const activeStaff =
    `SELECT s.id FROM staff_member s WHERE s."schoolId" IN ${ids} AND s."startDate" <= ${today} ` +
    `AND (s."leftOn" IS NULL OR s."leftOn" > ${today})`;
  // Exactly one of the two ways of reading completions below applies (by the index on the day).
  const anyCompletionLater = `EXISTS (SELECT 1 FROM latest_completion later WHERE later."completedOn" > ${today})`;
  return `SELECT
    (SELECT ${rows(`co.id, ${json('co.topics')}, co."contentReviewedOn", co."validityMonths"`)}
      FROM course co WHERE co."schoolId" IS NULL OR co."schoolId" IN ${ids}) AS courses,
    (SELECT ${rows(
      `s.id, s."schoolId", s.name, s.email, s.language, s."jobTitle", s."startDate", s."leftOn", ` +
        `s."safeguardingRole", s."onlineSafetyGroup", s."seniorLeader", s."filteringLead"`,
    )}
      FROM staff_member s WHERE s."schoolId" IN ${ids}) AS staff,
    (SELECT ${rows('latest."staffId", latest."courseId", latest.prior, latest."completedOn", latest."expiresOn"')}
      FROM (
        -- Kept by triggers (see the LatestCompletion migration): right for any day on or
        -- after every completion, which today is, unless a completion is dated later.
        SELECT l."staffId", l."courseId", l.prior, l."completedOn", l."expiresOn"
        FROM latest_completion l
        WHERE l."staffId" IN (${activeStaff})
          AND NOT ${anyCompletionLater}
        UNION ALL
        -- Otherwise (history worked out for a past day) grouped here, as of that day.
        SELECT c."staffId", c."courseId", c.prior, MAX(c."completedOn") AS "completedOn", MAX(c."expiresOn") AS "expiresOn"
        FROM completion c
        -- staffId IN (subquery) rather than a join: rows come in index order, and the grouping needs no sort.
        WHERE c."staffId" IN (${activeStaff})
          -- Only verified training counts. A literal, so that both databases use the partial index on it.
          AND c.verification = 'verified'
          -- As of the day asked for: history worked out for a past day must not see a later retake.
          AND c."completedOn" <= ${today}
          AND ${anyCompletionLater}
        -- Prior training is kept apart: it counts for currency but never for induction.
        GROUP BY c."staffId", c."courseId", c.prior
      ) latest) AS completions,
    -- In the order they were recorded: the rules take the later of two audits on one day.
    (SELECT ${rows(`a."staffId", a."auditedOn", ${json('a.needs')}`, 'a.id')}
      FROM needs_audit a WHERE a."staffId" IN (${activeStaff}) AND a."auditedOn" <= ${today}) AS audits,
    -- In the order they were added, so that every list of requirements reads the same.
    (SELECT ${rows(
      `r."schoolId", r.code, r."titleEn", r."titleCy", ${json('r.audience')}, ${json('r.topics')}, ` +
        `r."refreshMonths", r."followsAnnualRefresh", r.induction`,
      'r."schoolId", r.id',
    )}
      FROM training_requirement r WHERE r."schoolId" IN ${ids}) AS requirements`;
}

/** The parameters of `schoolRecordsSql` for these schools (exactly one when its reach is 'one'), as each driver takes them. */
export function schoolRecordsParams(dialect: Dialect, reach: Reach, schoolIds: number[], today: Day): unknown[] {
  if (reach === 'one' && schoolIds.length !== 1) throw new Error(`One school expected, not ${schoolIds.length}`);
  if (dialect === 'postgres') return [reach === 'one' ? schoolIds[0] : schoolIds, today];
  return [reach === 'one' ? { id: schoolIds[0], today } : { ids: JSON.stringify(schoolIds), today }];
}
