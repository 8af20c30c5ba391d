import { Day } from '../common/day';
import {
  CompletionRecord,
  ComplianceReport,
  MemberRecords,
  RequirementRecord,
  RequirementSummary,
  SchoolRecords,
  StaffStanding,
  STATUS_COUNT_KEYS,
  StatusCounts,
  TrainingStatus,
} from './compliance.types';
import { findConcerns } from './concerns';
import { isCurrentStatus } from './requirement-standing';
import { isActive, standingOf } from './staff-standing';

function groupByStaff(completions: CompletionRecord[]): Map<number, CompletionRecord[]> {
  const groups = new Map<number, CompletionRecord[]>();
  for (const completion of completions) {
    const group = groups.get(completion.staffId);
    if (group) group.push(completion);
    else groups.set(completion.staffId, [completion]);
  }
  return groups;
}

export function countStatuses(standings: { status: TrainingStatus }[]): StatusCounts {
  const counts: StatusCounts = { current: 0, dueSoon: 0, lapsed: 0, never: 0, inductionDue: 0, inductionOverdue: 0 };
  for (const standing of standings) counts[STATUS_COUNT_KEYS[standing.status]] += 1;
  return counts;
}

/** Percent with current online-safety training, to one decimal place; null with nobody to count. */
export function percentCurrentOf(standings: { status: TrainingStatus }[]): number | null {
  if (standings.length === 0) return null;
  const current = standings.filter((standing) => isCurrentStatus(standing.status)).length;
  return Math.round((current / standings.length) * 1000) / 10;
}

/** Each active member's standing, without the figures and concerns (all that reminders need). */
export function buildStandings(
  records: SchoolRecords,
  today: Day,
  completionsByStaff = groupByStaff(records.completions),
): StaffStanding[] {
  return records.staff
    .filter((member) => isActive(member, today))
    .map((member) =>
      standingOf(member, completionsByStaff.get(member.id) ?? [], records.settings, today, records.requirements),
    );
}

/** The whole answer for one school on one day: statuses, figures and concerns. */
export function buildComplianceReport(records: SchoolRecords, today: Day): ComplianceReport {
  const completionsByStaff = groupByStaff(records.completions);
  const standings = buildStandings(records, today, completionsByStaff);
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
    requirements: records.requirements,
  });
  return {
    asOf: today,
    activeStaff: standings.length,
    counts: countStatuses(standings),
    percentCurrent,
    standings,
    requirements: summarizeRequirements(records.requirements, standings),
    concerns,
  };
}

/**
 * One member's standing, as the school's report works it out for them; null when they are
 * not active today (a leaver or a future starter counts nowhere).
 */
export function memberStanding(records: MemberRecords, today: Day): StaffStanding | null {
  if (!isActive(records.member, today)) return null;
  return standingOf(records.member, records.completions, records.settings, today, records.requirements);
}

/** Each requirement's figures among the active staff it applies to. */
export function summarizeRequirements(
  requirements: readonly RequirementRecord[],
  standings: StaffStanding[],
): RequirementSummary[] {
  const byCode = new Map(requirements.map((requirement) => [requirement.code, [] as { status: TrainingStatus }[]]));
  for (const standing of standings)
    for (const own of standing.requirements) byCode.get(own.requirement.code)?.push(own);
  return requirements.map((requirement) => {
    const applying = byCode.get(requirement.code)!;
    return {
      requirement,
      applies: applying.length,
      counts: countStatuses(applying),
      percentCurrent: percentCurrentOf(applying),
    };
  });
}
