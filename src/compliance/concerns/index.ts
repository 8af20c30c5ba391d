import { Concern, ConcernContext, Severity } from '../compliance.types';
import { inductionGapConcern, lowCoverageConcern, notAnnualConcern, untrainedStaffConcern } from './coverage.concerns';
import {
  dspTrainingConcern,
  noCoordinatorConcern,
  noOnlineSafetyLeadConcern,
  singleExpertConcern,
} from './leadership.concerns';
import { filteringReviewConcern, needsUnmetConcern, outdatedMaterialsConcern } from './quality.concerns';
import { requirementGapConcerns } from './requirement.concerns';

/** Every "when you should be concerned" rule, in the order the spec lists them. */
const RULES: ((context: ConcernContext) => Concern | null)[] = [
  dspTrainingConcern,
  noOnlineSafetyLeadConcern,
  lowCoverageConcern,
  untrainedStaffConcern,
  notAnnualConcern,
  needsUnmetConcern,
  outdatedMaterialsConcern,
  noCoordinatorConcern,
  inductionGapConcern,
  filteringReviewConcern,
  singleExpertConcern,
];

/** Most severe first: the order concerns are listed in. */
export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2 };

/** Every concern that holds, the most severe first (the spec's order within a severity). */
export function findConcerns(context: ConcernContext): Concern[] {
  return RULES.map((rule) => rule(context))
    .filter((found): found is Concern => found !== null)
    .concat(requirementGapConcerns(context))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
