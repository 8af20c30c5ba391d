import { Concern, ConcernContext } from '../compliance.types';
import { inductionGapConcern, lowCoverageConcern, notAnnualConcern, untrainedStaffConcern } from './coverage.concerns';
import { dspTrainingConcern, noCoordinatorConcern, noOnlineSafetyLeadConcern, singleExpertConcern } from './leadership.concerns';
import { filteringReviewConcern, needsUnmetConcern, outdatedMaterialsConcern } from './quality.concerns';

/** Every "when you should be concerned" rule, in the order the spec lists them. */
const RULES: Array<(context: ConcernContext) => Concern | null> = [
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

export function findConcerns(context: ConcernContext): Concern[] {
  return RULES.map((rule) => rule(context)).filter((found): found is Concern => found !== null);
}
