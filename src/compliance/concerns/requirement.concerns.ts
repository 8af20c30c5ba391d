import { daysBetween } from '../../common/day';
import { Concern, ConcernCode, ConcernContext } from '../compliance.types';
import { isCurrentStatus } from '../requirement-standing';
import { concern } from './concern';

/**
 * The default requirements whose gaps have a concern of their own. Online safety and
 * DSP-advanced training already have theirs (untrained-staff, not-annual, dsp-training).
 */
const GAP_CODES: Record<string, ConcernCode | null> = {
  'online-safety': null,
  'dsp-advanced': null,
  'osh-response': 'osh-response-gap',
  safeguarding: 'safeguarding-gap',
  'filtering-monitoring': 'filtering-training-gap',
};

/**
 * A gap in a requirement: an active member it applies to, past their induction window,
 * has no current training for it. One concern per requirement, naming those staff.
 */
export function requirementGapConcerns({ standings, requirements, settings, today }: ConcernContext): Concern[] {
  const gaps = new Map<string, number[]>();
  for (const standing of standings) {
    if (daysBetween(standing.staff.startDate, today) <= settings.inductionWindowDays) continue;
    for (const own of standing.requirements) {
      if (isCurrentStatus(own.status)) continue;
      const staffIds = gaps.get(own.requirement.code);
      if (staffIds) staffIds.push(standing.staff.id);
      else gaps.set(own.requirement.code, [standing.staff.id]);
    }
  }
  return requirements.flatMap((requirement) => {
    const staffIds = gaps.get(requirement.code);
    const code = requirement.code in GAP_CODES ? GAP_CODES[requirement.code] : 'requirement-gap';
    if (!staffIds || code === null) return [];
    return [concern(code, { staffIds, requirementCode: requirement.code })];
  });
}
