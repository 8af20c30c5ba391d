import { Concern, ConcernContext, StaffStanding, TrainingStatus } from '../compliance.types';
import { concern } from './concern';

function idsWith(standings: StaffStanding[], statuses: TrainingStatus[]): number[] {
  return standings.filter((standing) => statuses.includes(standing.status)).map((standing) => standing.staff.id);
}

/** low-coverage: fewer than the threshold percent of active staff are currently trained. */
export function lowCoverageConcern({ standings, settings, percentCurrent }: ConcernContext): Concern | null {
  if (percentCurrent === null || percentCurrent >= settings.coverageThresholdPercent) return null;
  return concern('low-coverage', {
    staffIds: idsWith(standings, ['induction-due', 'induction-overdue', 'lapsed', 'never']),
    settings: ['coverageThresholdPercent'],
  });
}

/** untrained-staff: never trained, or overdue at induction; a starter inside the window is not named. */
export function untrainedStaffConcern({ standings }: ConcernContext): Concern | null {
  const staffIds = idsWith(standings, ['never', 'induction-overdue']);
  return staffIds.length ? concern('untrained-staff', { staffIds }) : null;
}

/** not-annual: trained once, but all of it has lapsed. */
export function notAnnualConcern({ standings }: ConcernContext): Concern | null {
  const staffIds = idsWith(standings, ['lapsed']);
  return staffIds.length ? concern('not-annual', { staffIds, settings: ['annualRefreshMonths'] }) : null;
}

/** induction-gap: a new starter past the induction window with no online-safety training. */
export function inductionGapConcern({ standings }: ConcernContext): Concern | null {
  const staffIds = idsWith(standings, ['induction-overdue']);
  return staffIds.length ? concern('induction-gap', { staffIds, settings: ['inductionWindowDays'] }) : null;
}
