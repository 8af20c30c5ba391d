import { addMonths, daysBetween, Day, maxDay } from '../common/day';
import { Topic } from '../courses/course.entity';
import { CompletionRecord, ComplianceSettings, StaffRecord, StaffStanding, TrainingStatus } from './compliance.types';

/** Started on or before today and not left: only they count anywhere. */
export function isActive(staff: Pick<StaffRecord, 'startDate' | 'leftOn'>, today: Day): boolean {
  return staff.startDate <= today && (staff.leftOn === null || staff.leftOn > today);
}

/** "Within N months of today" means on or after today minus N calendar months. */
export function isWithinMonths(day: Day, months: number, today: Day): boolean {
  return day >= addMonths(today, -months);
}

export function isNewStarter(staff: StaffRecord, settings: Pick<ComplianceSettings, 'annualRefreshMonths'>, today: Day): boolean {
  return isActive(staff, today) && isWithinMonths(staff.startDate, settings.annualRefreshMonths, today);
}

/** Counts until the day before its expiry: a completion expiring today no longer counts. */
export function isCurrent(completion: Pick<CompletionRecord, 'expiresOn'>, today: Day): boolean {
  return completion.expiresOn > today;
}

export function covers(completion: Pick<CompletionRecord, 'topics'>, topic: Topic): boolean {
  return completion.topics.includes(topic);
}

export function isSafeguardingLead(staff: Pick<StaffRecord, 'safeguardingRole'>): boolean {
  return staff.safeguardingRole === 'dsp' || staff.safeguardingRole === 'deputy-dsp';
}

/** The first rule of the specification that holds gives the status. */
export function onlineSafetyStatus(staff: StaffRecord, completions: CompletionRecord[], settings: ComplianceSettings, today: Day): TrainingStatus {
  const onlineSafety = completions.filter((completion) => covers(completion, 'online-safety'));
  const latestCurrent = maxDay(onlineSafety.filter((completion) => isCurrent(completion, today)).map((completion) => completion.expiresOn));
  if (latestCurrent) return daysBetween(today, latestCurrent) > settings.dueSoonDays ? 'current' : 'due-soon';
  const trainedSinceStart = onlineSafety.some((completion) => completion.completedOn >= staff.startDate);
  if (isNewStarter(staff, settings, today) && !trainedSinceStart) {
    return daysBetween(staff.startDate, today) <= settings.inductionWindowDays ? 'induction-due' : 'induction-overdue';
  }
  return onlineSafety.length > 0 ? 'lapsed' : 'never';
}

/** `own` holds this member's completions only. */
export function standingOf(staff: StaffRecord, own: CompletionRecord[], settings: ComplianceSettings, today: Day): StaffStanding {
  const dspAdvanced = own.filter((completion) => covers(completion, 'dsp-advanced'));
  return {
    staff,
    status: onlineSafetyStatus(staff, own, settings, today),
    expiresOn: maxDay(own.filter((completion) => covers(completion, 'online-safety')).map((completion) => completion.expiresOn)),
    dspAdvancedExpiresOn: maxDay(dspAdvanced.map((completion) => completion.expiresOn)),
    hasCurrentDspAdvanced: dspAdvanced.some((completion) => isCurrent(completion, today)),
  };
}

export function hasCurrentOnlineSafety(standing: Pick<StaffStanding, 'status'>): boolean {
  return standing.status === 'current' || standing.status === 'due-soon';
}
