import { addMonths, Day } from '../day';
import { FieldError, problem, refusal } from '../errors/field-errors';

/** No training, start or review in this service is older than this. */
export const EARLIEST_DAY = '1900-01-01';

/** How a date may relate to today: a review or completion has happened; a start or leave date may be planned. */
export type DayRule = 'past' | 'planned';

/** Planned dates reach at most a year ahead: 9999 is a typing slip, not a plan. */
export function latestDay(rule: DayRule, today: Day): Day {
  return rule === 'past' ? today : addMonths(today, 12);
}

export function dayRangeProblem(field: string, day: Day, rule: DayRule, today: Day): FieldError | null {
  const year = EARLIEST_DAY.slice(0, 4);
  if (day < EARLIEST_DAY) return problem(field, 'day-too-early', { year }, `${field} must be in ${year} or later`);
  const latest = latestDay(rule, today);
  if (day <= latest) return null;
  return rule === 'past'
    ? problem(field, 'day-after-today', { day, today }, `${field} ${day} is after today (${today})`)
    : problem(
        field,
        'day-too-late',
        { day, latest },
        `${field} ${day} is more than a year after today (at most ${latest})`,
      );
}

/** Refuses, in one 400, every given date outside its range; dates not given are skipped. */
export function assertDaysInRange(
  today: Day,
  days: [field: string, day: Day | null | undefined, rule: DayRule][],
): void {
  const problems = days
    .filter((entry): entry is [string, Day, DayRule] => typeof entry[1] === 'string')
    .map(([field, day, rule]) => dayRangeProblem(field, day, rule, today))
    .filter((found): found is FieldError => found !== null);
  if (problems.length > 0) throw refusal(...problems);
}
