import { Day } from '../common/day';
import { CompletionRecord, ComplianceReport, SchoolRecords, StaffStanding, StatusCounts } from './compliance.types';
import { findConcerns } from './concerns';
import { hasCurrentOnlineSafety, isActive, standingOf } from './staff-standing';

function groupByStaff(completions: CompletionRecord[]): Map<number, CompletionRecord[]> {
  const groups = new Map<number, CompletionRecord[]>();
  for (const completion of completions) {
    const group = groups.get(completion.staffId);
    if (group) group.push(completion);
    else groups.set(completion.staffId, [completion]);
  }
  return groups;
}

export function countStatuses(standings: Array<Pick<StaffStanding, 'status'>>): StatusCounts {
  const counts: StatusCounts = { current: 0, dueSoon: 0, lapsed: 0, never: 0, inductionDue: 0, inductionOverdue: 0 };
  const keys = {
    current: 'current',
    'due-soon': 'dueSoon',
    lapsed: 'lapsed',
    never: 'never',
    'induction-due': 'inductionDue',
    'induction-overdue': 'inductionOverdue',
  } as const;
  for (const standing of standings) counts[keys[standing.status]] += 1;
  return counts;
}

/** Percent with current online-safety training, to one decimal place; null with nobody to count. */
export function percentCurrentOf(standings: Array<Pick<StaffStanding, 'status'>>): number | null {
  if (standings.length === 0) return null;
  const current = standings.filter(hasCurrentOnlineSafety).length;
  return Math.round((current / standings.length) * 1000) / 10;
}

/** The whole answer for one school on one day: statuses, figures and concerns. */
export function buildComplianceReport(records: SchoolRecords, today: Day): ComplianceReport {
  const completionsByStaff = groupByStaff(records.completions);
  const standings = records.staff
    .filter((member) => isActive(member, today))
    .map((member) => standingOf(member, completionsByStaff.get(member.id) ?? [], records.settings, today));
  const percentCurrent = percentCurrentOf(standings);
  const concerns = findConcerns({
    today,
    settings: records.settings,
    allStaff: records.staff,
    standings,
    completions: records.completions,
    completionsByStaff,
    audits: records.audits,
    percentCurrent,
  });
  return {
    asOf: today,
    activeStaff: standings.length,
    counts: countStatuses(standings),
    percentCurrent,
    standings,
    concerns,
  };
}
