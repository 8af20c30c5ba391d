/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings. Days are never turned into
 * `Date` objects at local midnight, so no time zone can shift them.
 */
export type Day = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parts(day: Day): [number, number, number] {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`Not a YYYY-MM-DD day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function fromUtc(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
}

function toUtc(day: Day): number {
  const [y, m, d] = parts(day);
  return Date.UTC(y, m - 1, d);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a well-formed string naming a real calendar day (no 30 February). */
export function isCalendarDay(value: unknown): value is Day {
  if (typeof value !== 'string' || !DAY_PATTERN.test(value)) return false;
  const [y, m, d] = parts(value);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

// The rules ask the same few thousand date questions for every member of every school.
const monthsCache = new Map<string, Day>();
const MAX_CACHED = 100_000;

/** Adds calendar months, clamping to the month's end: 31 Jan + 1 month = 28/29 Feb. */
export function addMonths(day: Day, months: number): Day {
  const key = `${day}|${months}`;
  let result = monthsCache.get(key);
  if (result === undefined) {
    result = computeAddMonths(day, months);
    if (monthsCache.size >= MAX_CACHED) monthsCache.clear();
    monthsCache.set(key, result);
  }
  return result;
}

function computeAddMonths(day: Day, months: number): Day {
  const [y, m, d] = parts(day);
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const clamped = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
}

export function addDays(day: Day, days: number): Day {
  return fromUtc(toUtc(day) + days * MS_PER_DAY);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((toUtc(to) - toUtc(from)) / MS_PER_DAY);
}

/** Whether someone with this leave date has left by the given day (a leave date still to come: not yet). */
export function hasLeftBy(leftOn: Day | null, day: Day): boolean {
  return leftOn !== null && leftOn <= day;
}
