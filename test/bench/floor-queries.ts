import { addDays, addMonths } from '../../src/common/day';

/**
 * A completion's online-safety expiry under the annual cap: the earlier of its course's
 * expiry and completion + 12 months (the default annual refresh), so a 24-month DSP course
 * that covers online safety counts for it for 12. "+ 12 months" is next year's same day,
 * 29 February becoming 28 February, as calendar months do (src/common/day.ts).
 */
const ONE_YEAR_ON = `(CAST(CAST(substr(c."completedOn", 1, 4) AS INTEGER) + 1 AS TEXT) ||
  CASE WHEN substr(c."completedOn", 6, 5) = '02-29' THEN '-02-28' ELSE substr(c."completedOn", 5) END)`;
const CAPPED_EXPIRY = `CASE WHEN c."expiresOn" < ${ONE_YEAR_ON} THEN c."expiresOn" ELSE ${ONE_YEAR_ON} END`;

/**
 * The floor: hand-written SQL for the same status counts the API computes, with
 * the default settings (30-day due-soon and induction window, 12-month refresh, rolling
 * expiry, the annual cap), counting only verified completions as the rules do.
 * Portable between SQLite and PostgreSQL: days are compared as YYYY-MM-DD text.
 */
export function statusCountsSql(
  placeholder: (index: number) => string,
  onlineSafetyCourseIds: number[],
  perSchool: boolean,
): string {
  const ids = onlineSafetyCourseIds.join(',');
  const p = placeholder;
  return `
    WITH active AS (
      SELECT id, "schoolId", "startDate" FROM staff_member
      WHERE "startDate" <= ${p(1)} AND ("leftOn" IS NULL OR "leftOn" > ${p(1)})
        ${perSchool ? `AND "schoolId" = ${p(5)}` : ''}
    ),
    os AS (
      SELECT c."staffId", MAX(${CAPPED_EXPIRY}) AS latest,
        MAX(CASE WHEN c."completedOn" >= a."startDate" THEN 1 ELSE 0 END) AS since_start
      FROM completion c JOIN active a ON a.id = c."staffId"
      WHERE c."courseId" IN (${ids}) AND c.verification = 'verified'
      GROUP BY c."staffId"
    )
    SELECT a."schoolId",
      COUNT(*) AS active_staff,
      SUM(CASE WHEN os.latest > ${p(2)} THEN 1 ELSE 0 END) AS current,
      SUM(CASE WHEN os.latest > ${p(1)} AND os.latest <= ${p(2)} THEN 1 ELSE 0 END) AS due_soon,
      SUM(CASE WHEN (os.latest IS NULL OR os.latest <= ${p(1)}) AND a."startDate" >= ${p(3)}
        AND COALESCE(os.since_start, 0) = 0 AND a."startDate" >= ${p(4)} THEN 1 ELSE 0 END) AS induction_due,
      SUM(CASE WHEN (os.latest IS NULL OR os.latest <= ${p(1)}) AND a."startDate" >= ${p(3)}
        AND COALESCE(os.since_start, 0) = 0 AND a."startDate" < ${p(4)} THEN 1 ELSE 0 END) AS induction_overdue,
      SUM(CASE WHEN os.latest <= ${p(1)} AND NOT (a."startDate" >= ${p(3)} AND COALESCE(os.since_start, 0) = 0)
        THEN 1 ELSE 0 END) AS lapsed,
      SUM(CASE WHEN os.latest IS NULL AND a."startDate" < ${p(3)} THEN 1 ELSE 0 END) AS never
    FROM active a LEFT JOIN os ON os."staffId" = a.id
    GROUP BY a."schoolId"`;
}

export function statusCountsParams(today: string, schoolId?: number): (string | number)[] {
  const params: (string | number)[] = [today, addDays(today, 30), addMonths(today, -12), addDays(today, -30)];
  return schoolId === undefined ? params : [...params, schoolId];
}
