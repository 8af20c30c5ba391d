import { addMonths } from '../../common/day';
import { AuditRecord, Concern, ConcernContext } from '../compliance.types';
import { covers, isCurrent, isWithinMonths } from '../staff-standing';
import { concern } from './concern';

/** A course's content is due a review this long after it was last reviewed (the guidance's outdated materials). */
export const CONTENT_REVIEW_MONTHS = 12;
const FILTERING_REVIEW_MONTHS = 12;

/**
 * Each member's latest audit; of two on one day, the one recorded later (audits come in the order they were recorded).
 */
function latestAudits(audits: AuditRecord[]): Map<number, AuditRecord> {
  const latest = new Map<number, AuditRecord>();
  for (const audit of audits) {
    const seen = latest.get(audit.staffId);
    if (!seen || audit.auditedOn >= seen.auditedOn) latest.set(audit.staffId, audit);
  }
  return latest;
}

/**
 * needs-unmet: a need in a member's latest audit with no completion covering it on or
 * after the audit, or an active member with no audit within the annual refresh period.
 */
export function needsUnmetConcern({
  standings,
  audits,
  completionsByStaff,
  settings,
  today,
}: ConcernContext): Concern | null {
  const latest = latestAudits(audits);
  const staffIds = standings
    .map((standing) => standing.staff.id)
    .filter((staffId) => {
      const audit = latest.get(staffId);
      if (!audit || !isWithinMonths(audit.auditedOn, settings.annualRefreshMonths, today)) return true;
      const since = (completionsByStaff.get(staffId) ?? []).filter(
        (completion) => completion.completedOn >= audit.auditedOn,
      );
      return audit.needs.some((need) => !since.some((completion) => covers(completion, need.topic)));
    });
  return staffIds.length ? concern('needs-unmet', { staffIds }) : null;
}

/** outdated-materials: counting training from a course not reviewed in the 12 months before it was taken. */
export function outdatedMaterialsConcern({ standings, completions, today }: ConcernContext): Concern | null {
  const active = new Set(standings.map((standing) => standing.staff.id));
  const outdated = completions.filter(
    (completion) =>
      active.has(completion.staffId) &&
      (covers(completion, 'online-safety') || covers(completion, 'dsp-advanced')) &&
      isCurrent(completion, today) &&
      completion.courseContentReviewedOn < addMonths(completion.completedOn, -CONTENT_REVIEW_MONTHS),
  );
  if (outdated.length === 0) return null;
  return concern('outdated-materials', {
    staffIds: outdated.map((row) => row.staffId),
    courseIds: outdated.map((row) => row.courseId),
  });
}

/** filtering-review: filtering and monitoring not reviewed within 12 months. */
export function filteringReviewConcern({ settings, today }: ConcernContext): Concern | null {
  const reviewed = settings.filteringReviewedOn;
  if (reviewed && isWithinMonths(reviewed, FILTERING_REVIEW_MONTHS, today)) return null;
  return concern('filtering-review', { settings: ['filteringReviewedOn'] });
}
