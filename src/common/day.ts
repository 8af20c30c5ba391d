/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings. Days are never turned into
 * `Date` objects at local midnight, so no time zone can shift them.
 */
export type Day = string;

const MS_PER_DAY = 86_400_000;
const DASH = 45; // '-'
const ZERO = 48; // '0'

/**
 * The number written at `day[from..to)`, or NaN unless it is all ASCII digits. Read
 * character by character, without a regular expression's match array: a national
 * roll-up asks millions of date questions, and that array was a good part of their cost.
 */
function digits(day: string, from: number, to: number): number {
  let value = 0;
  for (let index = from; index < to; index += 1) {
    const digit = day.charCodeAt(index) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

function isDayShaped(day: string): boolean {
  return day.length === 10 && day.charCodeAt(4) === DASH && day.charCodeAt(7) === DASH;
}

function notADay(day: string): Error {
  return new Error(`Not a YYYY-MM-DD day: ${day}`);
}

/** Year, month and day of a string shaped `YYYY-MM-DD` (its numbers are not checked: 2026-02-30 passes). */
function parts(day: Day): [number, number, number] {
  const read: [number, number, number] = isDayShaped(day)
    ? [digits(day, 0, 4), digits(day, 5, 7), digits(day, 8, 10)]
    : [NaN, NaN, NaN];
  if (read.some(Number.isNaN)) throw notADay(day);
  return read;
}

function fromUtc(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day's midnight in UTC, as `parts` reads it, without building its array (the hottest question). */
function toUtc(day: Day): number {
  const ms = isDayShaped(day) ? Date.UTC(digits(day, 0, 4), digits(day, 5, 7) - 1, digits(day, 8, 10)) : NaN;
  if (Number.isNaN(ms)) throw notADay(day);
  return ms;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a well-formed string naming a real calendar day (no 30 February). */
export function isCalendarDay(value: unknown): value is Day {
  if (typeof value !== 'string' || !isDayShaped(value)) return false;
  const y = digits(value, 0, 4);
  const m = digits(value, 5, 7);
  const d = digits(value, 8, 10);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

// The rules ask the same few thousand date questions for every member of every school:
// answers are kept by the number of months or days, then by the day (no key string to build).
const MAX_CACHED = 100_000;
type Answers = Map<number, Map<Day, Day>>;
const monthsCache: Answers = new Map();
const daysCache: Answers = new Map();

function remembered(cache: Answers, day: Day, by: number, compute: (day: Day, by: number) => Day): Day {
  let answers = cache.get(by);
  if (answers === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    answers = new Map();
    cache.set(by, answers);
  }
  let result = answers.get(day);
  if (result === undefined) {
    result = compute(day, by);
    if (answers.size >= MAX_CACHED) answers.clear();
    answers.set(day, result);
  }
  return result;
}

/** Adds calendar months, clamping to the month's end: 31 Jan + 1 month = 28/29 Feb. */
export function addMonths(day: Day, months: number): Day {
  return remembered(monthsCache, day, months, computeAddMonths);
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
  return remembered(daysCache, day, days, computeAddDays);
}

function computeAddDays(day: Day, days: number): Day {
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
