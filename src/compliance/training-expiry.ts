import { addDays, addMonths, Day } from '../common/day';
import { CompletionRecord, ComplianceSettings, RequirementRecord } from './compliance.types';

type ExpirySettings = Pick<ComplianceSettings, 'annualRefreshMonths' | 'expiryBasis' | 'academicYearGraceDays'>;

/** The requirement's refresh period in months; null = each course's own validity. */
export function refreshMonthsOf(
  requirement: Pick<RequirementRecord, 'refreshMonths'>,
  settings: Pick<ComplianceSettings, 'annualRefreshMonths'>,
): number | null {
  return requirement.refreshMonths === 'annual' ? settings.annualRefreshMonths : requirement.refreshMonths;
}

/** The academic year (1 September – 31 August) a day falls in, named by the calendar year it starts. */
export function academicYearOf(day: Day): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 9 ? year : year - 1;
}

/**
 * Academic-year basis: training in academic year Y counts until 31 August ending
 * academic year Y + (months ÷ 12 − 1), plus the grace days, so that a September
 * training day is still in time. The day returned no longer counts, as with rolling expiry.
 */
export function academicYearExpiry(completedOn: Day, months: number, graceDays: number): Day {
  const lastYear = academicYearOf(completedOn) + months / 12 - 1;
  return addDays(`${lastYear + 1}-08-31`, graceDays);
}

/**
 * When a completion stops counting for a topic of a requirement. The annual cap: a
 * completion counts for at most the requirement's refresh period, whatever the
 * course's validity (a 24-month DSP-advanced course counts 12 months for online safety).
 */
export function topicExpiry(
  completion: Pick<CompletionRecord, 'completedOn' | 'expiresOn' | 'validityMonths'>,
  refreshMonths: number | null,
  settings: Pick<ExpirySettings, 'expiryBasis' | 'academicYearGraceDays'>,
): Day {
  const months =
    refreshMonths === null ? completion.validityMonths : Math.min(completion.validityMonths, refreshMonths);
  // Periods that are not whole years stay rolling.
  if (settings.expiryBasis === 'academic-year' && months % 12 === 0)
    return academicYearExpiry(completion.completedOn, months, settings.academicYearGraceDays);
  if (refreshMonths === null) return completion.expiresOn;
  const capped = addMonths(completion.completedOn, refreshMonths);
  return capped < completion.expiresOn ? capped : completion.expiresOn;
}
