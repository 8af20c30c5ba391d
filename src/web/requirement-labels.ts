import { RequirementRecord, RequirementStanding } from '../compliance/compliance.types';
import { ONLINE_SAFETY_REQUIREMENT } from '../compliance/default-requirements';

/** A title in both languages, for the `markedTitle` helper (English marked lang="en" when Welsh is missing). */
export interface BilingualTitle {
  title: string;
  titleCy: string | null;
}

/**
 * What a reminder was about: the requirement's title, and whether it was its
 * induction. `induction` alone is the online-safety induction (its key from before
 * requirements); a removed requirement is named by its code.
 */
export function reminderSubject(
  training: string,
  requirements: readonly RequirementRecord[],
): BilingualTitle & { induction: boolean } {
  const induction = training === 'induction' || training.startsWith('induction:');
  const code = training === 'induction' ? ONLINE_SAFETY_REQUIREMENT.code : training.replace(/^induction:/, '');
  const requirement = requirements.find((candidate) => candidate.code === code);
  return requirement
    ? { title: requirement.titleEn, titleCy: requirement.titleCy, induction }
    : { title: code, titleCy: code, induction };
}

interface CompletionLine {
  courseId: number;
  completedOn: string;
  courseTitle: string;
  courseTitleCy: string | null;
}

/** One line per requirement on a member's record: status, expiry, and the completions that give that expiry. */
export function requirementLines(standings: readonly RequirementStanding[], completions: readonly CompletionLine[]) {
  return standings.map((standing) => ({
    code: standing.requirement.code,
    title: standing.requirement.titleEn,
    titleCy: standing.requirement.titleCy,
    status: standing.status,
    expiresOn: standing.expiresOn,
    satisfiedBy: standing.satisfiedBy.map((used) => {
      const line = completions.find((row) => row.courseId === used.courseId && row.completedOn === used.completedOn);
      return {
        completedOn: used.completedOn,
        courseTitle: line?.courseTitle ?? `#${used.courseId}`,
        courseTitleCy: line?.courseTitleCy ?? null,
      };
    }),
  }));
}
