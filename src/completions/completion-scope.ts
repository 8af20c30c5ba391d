import { NotFoundException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { StaffMember } from '../staff/staff-member.entity';

/**
 * Whether this completion is in the caller's reach for its review and its certificate:
 * admins every one, a DSP their school's, a member of staff their own. Anything else
 * answers 404 exactly as an unknown id does, so ids outside one's scope reveal nothing.
 */
export function assertCompletionInScope(
  user: AuthUser,
  completion: { id: number; staffId: number },
  staff: Pick<StaffMember, 'schoolId'>,
): void {
  const inScope =
    user.role === 'admin' ||
    (user.role === 'dsp' && user.schoolId === staff.schoolId) ||
    (user.role === 'staff' && user.staffId === completion.staffId);
  if (!inScope) throw new NotFoundException(`No completion with id ${completion.id}`);
}
