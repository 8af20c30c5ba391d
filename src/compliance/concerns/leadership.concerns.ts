import { Concern, ConcernContext } from '../compliance.types';
import { hasCurrentOnlineSafety, isSafeguardingLead } from '../staff-standing';
import { concern } from './concern';
import { hasLeftBy } from '../../common/day';

/** dsp-training: every active DSP and deputy needs current online-safety and dsp-advanced training. */
export function dspTrainingConcern({ standings }: ConcernContext): Concern | null {
  const leads = standings.filter((standing) => isSafeguardingLead(standing.staff));
  const lacking = leads.filter((standing) => !standing.hasCurrentDspAdvanced || !hasCurrentOnlineSafety(standing));
  const hasDsp = leads.some((standing) => standing.staff.safeguardingRole === 'dsp');
  if (hasDsp && lacking.length === 0) return null;
  return concern('dsp-training', { staffIds: lacking.map((standing) => standing.staff.id) });
}

/** no-online-safety-lead: nobody among the DSP, deputies and online-safety group is currently trained. */
export function noOnlineSafetyLeadConcern({ standings }: ConcernContext): Concern | null {
  const leads = standings.filter((standing) => isSafeguardingLead(standing.staff) || standing.staff.onlineSafetyGroup);
  if (leads.some(hasCurrentOnlineSafety)) return null;
  return concern('no-online-safety-lead', { staffIds: leads.map((standing) => standing.staff.id) });
}

/** single-expert: fewer than two active staff hold current dsp-advanced training. */
export function singleExpertConcern({ standings }: ConcernContext): Concern | null {
  const experts = standings.filter((standing) => standing.hasCurrentDspAdvanced);
  if (experts.length >= 2) return null;
  return concern('single-expert', { staffIds: experts.map((standing) => standing.staff.id) });
}

/** no-coordinator: nobody recorded as coordinating staff training, or they have left. */
export function noCoordinatorConcern({ settings, allStaff, today }: ConcernContext): Concern | null {
  const coordinator = allStaff.find((member) => member.id === settings.trainingCoordinatorId);
  const hasLeft = coordinator !== undefined && hasLeftBy(coordinator.leftOn, today);
  if (coordinator && !hasLeft) return null;
  return concern('no-coordinator', {
    staffIds: coordinator ? [coordinator.id] : [],
    settings: ['trainingCoordinatorId'],
  });
}
