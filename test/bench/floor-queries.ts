import { addDays, addMonths } from '../../src/common/day';

/**
 * The floor: hand-written SQL for the same status counts the API computes, with
 * the default settings (30-day due-soon and induction window, 12-month refresh), counting
 * only verified completions as the rules do.
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
      SELECT c."staffId", MAX(c."expiresOn") AS latest,
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
