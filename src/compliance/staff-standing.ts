import { addDays, addMonths, Day } from '../common/day';
import { Topic } from '../courses/course.entity';
import {
  CompletionRecord,
  ComplianceSettings,
  RequirementRecord,
  RequirementStanding,
  StaffRecord,
  StaffStanding,
  TrainingStatus,
} from './compliance.types';
import { DSP_ADVANCED_REQUIREMENT, ONLINE_SAFETY_REQUIREMENT } from './default-requirements';
import { isInAudience, requirementStanding, worstStatus } from './requirement-standing';

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

/** The last day of a member's induction window: induction training is due by then. */
export function inductionDueOn(staff: Pick<StaffRecord, 'startDate'>, settings: ComplianceSettings): Day {
  return addDays(staff.startDate, settings.inductionWindowDays);
}

export function isSafeguardingLead(staff: Pick<StaffRecord, 'safeguardingRole'>): boolean {
  return staff.safeguardingRole === 'dsp' || staff.safeguardingRole === 'deputy-dsp';
}

/** The online-safety status, as the headline figures define it (annual cap included). */
export function onlineSafetyStatus(
  staff: StaffRecord,
  completions: CompletionRecord[],
  settings: ComplianceSettings,
  today: Day,
): TrainingStatus {
  return requirementStanding(staff, completions, ONLINE_SAFETY_REQUIREMENT, settings, today).status;
}

/**
 * Everything about one active member: the headline online-safety status, DSP-advanced
 * training, and each of the school's requirements that applies to them. `own` holds
 * this member's completions only.
 */
export function standingOf(
  staff: StaffRecord,
  own: CompletionRecord[],
  settings: ComplianceSettings,
  today: Day,
  requirements: readonly RequirementRecord[] = [],
): StaffStanding {
  // The school's own online-safety row (its refresh or induction may be edited; never its audience or topics).
  const headline = requirements.find((requirement) => requirement.code === ONLINE_SAFETY_REQUIREMENT.code);
  const onlineSafety = requirementStanding(staff, own, headline ?? ONLINE_SAFETY_REQUIREMENT, settings, today);
  const dspRow = requirements.find((requirement) => requirement.code === DSP_ADVANCED_REQUIREMENT.code);
  const dspAdvanced = requirementStanding(staff, own, dspRow ?? DSP_ADVANCED_REQUIREMENT, settings, today);
  const applying = requirements
    .filter((requirement) => isInAudience(requirement.audience, staff))
    .map((requirement): RequirementStanding =>
      requirement === headline ? onlineSafety : requirementStanding(staff, own, requirement, settings, today),
    );
  return {
    staff,
    status: onlineSafety.status,
    overallStatus: worstStatus([onlineSafety.status, ...applying.map((standing) => standing.status)]),
    requirements: applying,
    expiresOn: onlineSafety.expiresOn,
    dspAdvancedExpiresOn: dspAdvanced.expiresOn,
    hasCurrentDspAdvanced: dspAdvanced.expiresOn !== null && dspAdvanced.expiresOn > today,
  };
}

export function hasCurrentOnlineSafety(standing: Pick<StaffStanding, 'status'>): boolean {
  return standing.status === 'current' || standing.status === 'due-soon';
}
