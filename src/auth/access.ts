import { ForbiddenException } from '@nestjs/common';
import { AuthUser } from './auth-user';

/**
 * School scoping, in one place. Roles: admin every school; DSP their school, read
 * and write; governor their school, read only; staff their own record only.
 */
export function belongsToSchool(user: AuthUser, schoolId: number | null): boolean {
  return user.role === 'admin' || (schoolId !== null && user.schoolId === schoolId);
}

export function assertCanReadSchool(user: AuthUser, schoolId: number): void {
  if (user.role === 'staff' || !belongsToSchool(user, schoolId))
    throw new ForbiddenException('This school is outside your access');
}

export function assertCanManageSchool(user: AuthUser, schoolId: number | null): void {
  const allowed = user.role === 'admin' || (user.role === 'dsp' && schoolId !== null && user.schoolId === schoolId);
  if (!allowed) throw new ForbiddenException('Only the school’s DSP or an admin may change this');
}

/**
 * Personal training records: DSPs and admins; governors only where the school lets
 * them see names; a member of staff only their own.
 */
export function assertCanReadStaffRecord(
  user: AuthUser,
  staff: { id: number; schoolId: number },
  governorsSeeNames: boolean,
): void {
  if (user.role === 'staff') {
    if (user.staffId !== staff.id) throw new ForbiddenException('Staff may see only their own record');
    return;
  }
  if (!belongsToSchool(user, staff.schoolId)) throw new ForbiddenException('This school is outside your access');
  if (user.role === 'governor' && !governorsSeeNames) {
    throw new ForbiddenException('Governors see figures, not individual staff records, unless the school allows it');
  }
}
