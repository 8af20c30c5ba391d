import { addMonths, daysBetween, Day } from '../common/day';
import {
  Audience,
  CompletionRecord,
  ComplianceSettings,
  RequirementRecord,
  RequirementStanding,
  StaffRecord,
  StaffRole,
  STATUS_SEVERITY,
  TrainingStatus,
} from './compliance.types';
import { refreshMonthsOf, topicExpiry } from './training-expiry';

type Roles = Pick<StaffRecord, 'safeguardingRole' | 'onlineSafetyGroup' | 'seniorLeader' | 'filteringLead'>;

export function hasRole(staff: Roles, role: StaffRole): boolean {
  switch (role) {
    case 'dsp':
      return staff.safeguardingRole === 'dsp';
    case 'deputy-dsp':
      return staff.safeguardingRole === 'deputy-dsp';
    case 'online-safety-group':
      return staff.onlineSafetyGroup;
    case 'senior-leader':
      return staff.seniorLeader;
    case 'filtering-lead':
      return staff.filteringLead;
  }
}

/** Whether a requirement's audience takes in this member (a custom list: any of its roles). */
export function isInAudience(audience: Audience, staff: Roles): boolean {
  if (Array.isArray(audience)) return audience.some((role) => hasRole(staff, role));
  switch (audience) {
    case 'all-staff':
      return true;
    case 'dsp-and-deputies':
      return hasRole(staff, 'dsp') || hasRole(staff, 'deputy-dsp');
    case 'online-safety-group':
      return staff.onlineSafetyGroup;
    case 'senior-leaders':
      return staff.seniorLeader;
    case 'filtering-leads':
      return staff.filteringLead;
  }
}

/** The worst of some statuses, in the specification's order; current when there are none. */
export function worstStatus(statuses: Iterable<TrainingStatus>): TrainingStatus {
  let worst = STATUS_SEVERITY.length - 1;
  for (const status of statuses) worst = Math.min(worst, STATUS_SEVERITY.indexOf(status));
  return STATUS_SEVERITY[worst];
}

export function isCurrentStatus(status: TrainingStatus): boolean {
  return status === 'current' || status === 'due-soon';
}

/** A new starter (the caller passes only active staff): started within the last annual-refresh months. */
function isNewStarter(staff: StaffRecord, settings: ComplianceSettings, today: Day): boolean {
  return staff.startDate >= addMonths(today, -settings.annualRefreshMonths);
}

interface TopicBest {
  expiresOn: Day;
  completion: CompletionRecord;
  sinceStart: boolean;
}

/** The latest-expiring completion covering a topic, and whether any covering one was since the start date. */
function bestFor(
  topic: RequirementRecord['topics'][number],
  staff: StaffRecord,
  own: CompletionRecord[],
  refreshMonths: number | null,
  settings: ComplianceSettings,
): TopicBest | null {
  let best: TopicBest | null = null;
  let sinceStart = false;
  for (const completion of own) {
    if (!completion.topics.includes(topic)) continue;
    // Prior training counts for currency, never for induction.
    if (!completion.prior && completion.completedOn >= staff.startDate) sinceStart = true;
    const expiresOn = topicExpiry(completion, refreshMonths, settings);
    if (best === null || expiresOn > best.expiresOn) best = { expiresOn, completion, sinceStart: false };
  }
  return best && { ...best, sinceStart };
}

/**
 * One requirement's status for one active member it applies to: the first rule of the
 * specification that holds (current, due-soon, induction-due, induction-overdue,
 * lapsed, never). `own` holds this member's completions only.
 */
export function requirementStanding(
  staff: StaffRecord,
  own: CompletionRecord[],
  requirement: RequirementRecord,
  settings: ComplianceSettings,
  today: Day,
): RequirementStanding {
  const refreshMonths = refreshMonthsOf(requirement, settings);
  let expiresOn: Day | null = null;
  let everyTopic = true;
  let trainedSinceStart = true;
  const satisfiedBy: CompletionRecord[] = [];
  for (const topic of requirement.topics) {
    const best = bestFor(topic, staff, own, refreshMonths, settings);
    if (best === null) {
      everyTopic = false;
      trainedSinceStart = false;
      continue;
    }
    trainedSinceStart &&= best.sinceStart;
    if (!satisfiedBy.includes(best.completion)) satisfiedBy.push(best.completion);
    if (expiresOn === null || best.expiresOn < expiresOn) expiresOn = best.expiresOn;
  }
  if (!everyTopic) expiresOn = null;
  const status = statusOf(staff, expiresOn, trainedSinceStart, requirement.induction, settings, today);
  return { requirement, status, expiresOn, satisfiedBy };
}

function statusOf(
  staff: StaffRecord,
  expiresOn: Day | null,
  trainedSinceStart: boolean,
  induction: boolean,
  settings: ComplianceSettings,
  today: Day,
): TrainingStatus {
  // A completion expiring today no longer counts.
  if (expiresOn !== null && expiresOn > today)
    return daysBetween(today, expiresOn) > settings.dueSoonDays ? 'current' : 'due-soon';
  if (induction && isNewStarter(staff, settings, today) && !trainedSinceStart)
    return daysBetween(staff.startDate, today) <= settings.inductionWindowDays ? 'induction-due' : 'induction-overdue';
  return expiresOn !== null ? 'lapsed' : 'never';
}
