import { addMonths, daysBetween, Day } from '../common/day';
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

export function isNewStarter(
  staff: StaffRecord,
  settings: Pick<ComplianceSettings, 'annualRefreshMonths'>,
  today: Day,
): boolean {
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

/** What a member's completions say, found in one pass. */
export interface TrainingFacts {
  /** The latest expiry of any online-safety completion. */
  onlineSafetyExpiresOn: Day | null;
  trainedSinceStart: boolean;
  dspAdvancedExpiresOn: Day | null;
}

export function trainingFacts(staff: Pick<StaffRecord, 'startDate'>, own: CompletionRecord[]): TrainingFacts {
  const facts: TrainingFacts = { onlineSafetyExpiresOn: null, trainedSinceStart: false, dspAdvancedExpiresOn: null };
  for (const completion of own) {
    if (covers(completion, 'online-safety')) {
      if (facts.onlineSafetyExpiresOn === null || completion.expiresOn > facts.onlineSafetyExpiresOn)
        facts.onlineSafetyExpiresOn = completion.expiresOn;
      if (!completion.prior && completion.completedOn >= staff.startDate) facts.trainedSinceStart = true;
    }
    if (
      covers(completion, 'dsp-advanced') &&
      (facts.dspAdvancedExpiresOn === null || completion.expiresOn > facts.dspAdvancedExpiresOn)
    ) {
      facts.dspAdvancedExpiresOn = completion.expiresOn;
    }
  }
  return facts;
}

/** The first rule of the specification that holds gives the status. */
export function statusFromFacts(
  staff: StaffRecord,
  facts: TrainingFacts,
  settings: ComplianceSettings,
  today: Day,
): TrainingStatus {
  const latest = facts.onlineSafetyExpiresOn;
  // The latest expiry is in the future exactly when some online-safety training is current.
  if (latest !== null && latest > today)
    return daysBetween(today, latest) > settings.dueSoonDays ? 'current' : 'due-soon';
  if (isNewStarter(staff, settings, today) && !facts.trainedSinceStart) {
    return daysBetween(staff.startDate, today) <= settings.inductionWindowDays ? 'induction-due' : 'induction-overdue';
  }
  return latest !== null ? 'lapsed' : 'never';
}

export function onlineSafetyStatus(
  staff: StaffRecord,
  completions: CompletionRecord[],
  settings: ComplianceSettings,
  today: Day,
): TrainingStatus {
  return statusFromFacts(staff, trainingFacts(staff, completions), settings, today);
}

/** `own` holds this member's completions only. */
export function standingOf(
  staff: StaffRecord,
  own: CompletionRecord[],
  settings: ComplianceSettings,
  today: Day,
): StaffStanding {
  const facts = trainingFacts(staff, own);
  return {
    staff,
    status: statusFromFacts(staff, facts, settings, today),
    expiresOn: facts.onlineSafetyExpiresOn,
    dspAdvancedExpiresOn: facts.dspAdvancedExpiresOn,
    hasCurrentDspAdvanced: facts.dspAdvancedExpiresOn !== null && facts.dspAdvancedExpiresOn > today,
  };
}

export function hasCurrentOnlineSafety(standing: Pick<StaffStanding, 'status'>): boolean {
  return standing.status === 'current' || standing.status === 'due-soon';
}
