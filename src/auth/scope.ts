import { ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { Role } from '../users/user.entity';
import { AuthUser } from './auth-user';

export type Intent = 'read' | 'write';

/**
 * What kind of records a request touches:
 * - `school`: a school and its figures (settings, compliance summary, snapshots);
 * - `people`: personal training records (staff, completions, needs audits, reminders);
 * - `courses`: the shared catalogue and a school's in-house courses;
 * - `changes`: the change log, which holds the before and after of every record;
 * - `own-training`: training a member of staff reports for themselves (completions and
 *   their certificates): the member, their DSP and admins, never governors.
 */
export type RecordKind = 'school' | 'people' | 'courses' | 'changes' | 'own-training';

export interface AccessRequest {
  kind: RecordKind;
  intent: Intent;
  /** The records' school; `null` = the shared course catalogue; absent = every school the caller may see. */
  schoolId?: number | null;
  /** One member's record, when the request names one. */
  staffId?: number;
  /** The school's setting that lets its governors see people's records. */
  governorsSeeNames?: boolean;
  /**
   * The refusal for records outside the caller's scope: the same as for an unknown id, so
   * it reveals nothing (a message for a 404, or the 400 naming a request body's field).
   */
  notFound?: string | HttpException;
}

/** The rows the caller may see: no key = no limit on it (an admin sees every school). */
export interface ScopeFilter {
  schoolId?: number;
  staffId?: number;
}

/** A staff id that no row has (ids start at 1): a staff account linked to no record sees nothing. */
export const NOBODY = 0;

/** Roles that may ever do this, whatever the school; anyone else gets 403. */
const ROLES_FOR: Record<Intent, Record<RecordKind, readonly Role[]>> = {
  read: {
    school: ['admin', 'dsp', 'governor'],
    people: ['admin', 'dsp', 'governor', 'staff'],
    courses: ['admin', 'dsp', 'governor', 'staff'],
    changes: ['admin', 'dsp'],
    'own-training': ['admin', 'dsp', 'staff'],
  },
  write: {
    school: ['admin', 'dsp'],
    people: ['admin', 'dsp'],
    courses: ['admin', 'dsp'],
    changes: [],
    'own-training': ['admin', 'dsp', 'staff'],
  },
};

/**
 * School scoping, the one place it is decided (SPEC "Roles" and "Errors"): admin every
 * school; DSP their school, read and write; governor their school, read only, and
 * people's records only where the school lets governors see names; staff their own
 * record only. A role that may never do this gets 403; records outside the caller's
 * school (or, for staff, outside their own record) get 404, as if they did not exist.
 * Returns the filter to apply to a list; for one record, call it with the record's
 * school and staff ids and ignore the result.
 */
export function scopeFor(user: AuthUser, request: AccessRequest): ScopeFilter {
  const { kind, intent } = request;
  if (!ROLES_FOR[intent][kind].includes(user.role)) throw new ForbiddenException(roleRefusal(user.role, intent, kind));
  if (request.schoolId === null) return sharedCatalogue(user, request);
  if (user.role === 'admin') return withoutUndefined({ schoolId: request.schoolId, staffId: request.staffId });
  if (user.schoolId === null || (request.schoolId !== undefined && request.schoolId !== user.schoolId))
    throw outOfScope(request);
  if (kind === 'people' && user.role === 'governor' && !request.governorsSeeNames) {
    throw new ForbiddenException('Governors see figures, not individual staff records, unless the school allows it');
  }
  if ((kind === 'people' || kind === 'own-training') && user.role === 'staff') {
    if (request.staffId !== undefined && request.staffId !== user.staffId) throw outOfScope(request);
    return { schoolId: user.schoolId, staffId: user.staffId ?? NOBODY };
  }
  return withoutUndefined({ schoolId: user.schoolId, staffId: request.staffId });
}

/** The shared catalogue: everyone reads it, only admins change it. */
function sharedCatalogue(user: AuthUser, request: AccessRequest): ScopeFilter {
  if (request.kind !== 'courses') throw outOfScope(request);
  if (request.intent === 'write' && user.role !== 'admin') {
    throw new ForbiddenException('Only an admin may change the shared course catalogue');
  }
  return {};
}

/** Made only when refusing: an exception's stack trace costs more than the whole check. */
function outOfScope(request: AccessRequest): HttpException {
  return request.notFound instanceof HttpException
    ? request.notFound
    : new NotFoundException(request.notFound ?? 'Not found');
}

function roleRefusal(role: Role, intent: Intent, kind: RecordKind): string {
  if (role === 'staff') return 'Staff may see only their own record';
  if (role === 'governor' && intent === 'write') return 'Governors have read-only access';
  return `The ${role} role may not ${intent} ${kind === 'people' ? 'staff records' : kind}`;
}

function withoutUndefined(filter: { schoolId?: number; staffId?: number }): ScopeFilter {
  const result: ScopeFilter = {};
  if (filter.schoolId !== undefined) result.schoolId = filter.schoolId;
  if (filter.staffId !== undefined) result.staffId = filter.staffId;
  return result;
}
