import { ConflictException, ForbiddenException, HttpStatus } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { FieldError } from '../common/errors/field-errors';
import { Language } from '../common/language';
import { Role } from '../users/user.entity';
import { UserDto } from '../users/user.dto';
import { InvitationNotSent } from '../users/invitations.service';
import { AccountState } from '../users/users.service';
import { formErrorsFrom, optionalText, toInt } from './forms';

/**
 * Whom each role may invite from the accounts page: a DSP their school's people (deputies sign in as dsp), an admin
 * DSPs.
 */
export const INVITABLE_ROLES: Record<'dsp' | 'admin', Role[]> = {
  dsp: ['dsp', 'governor', 'staff'],
  admin: ['dsp'],
};

/**
 * The invitation form's fields as the API's DTO expects them. The email is in the
 * language of the page it was sent from, unless it goes to a member of staff, whose
 * staff record has their own.
 */
export function inviteFormValues(
  user: AuthUser,
  body: Record<string, string>,
  pageLanguage: Language,
): Record<string, unknown> {
  const admin = user.role === 'admin';
  const staffId = admin ? undefined : toInt(optionalText(body.staffId));
  return {
    email: body.email,
    role: admin ? 'dsp' : body.role,
    staffId,
    schoolId: admin ? toInt(optionalText(body.schoolId)) : user.schoolId,
    language: staffId === undefined ? pageLanguage : undefined,
  };
}

/**
 * Refusals beside the field they concern, in the page's wording: an email already in use,
 * and a role the page does not offer (only a hand-made form could send one).
 */
export function accountErrorsFrom(error: unknown, emailField = 'email'): FieldError[] {
  if (error instanceof ForbiddenException) return [{ field: 'role', message: error.message }];
  return emailFieldErrors(formErrorsFrom(error), emailField);
}

/**
 * The address's refusals beside the form's email field; a bad address is "enter a valid email",
 * not the staff form's wording about other staff.
 */
export function emailFieldErrors(errors: FieldError[], emailField = 'email'): FieldError[] {
  return errors.map((error) =>
    error.field === 'email' ? { ...error, field: emailField, code: error.code ?? 'account-email-invalid' } : error,
  );
}

/** Sign-in times are stored in UTC; the page shows the day as it was in Wales. */
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** One row of the accounts table. */
export function accountRow(
  account: UserDto & { state: AccountState },
  viewer: AuthUser,
  names: { staff: Map<number, string>; schools: Map<number, string> },
) {
  return {
    ...account,
    staffName: account.staffId === null ? null : (names.staff.get(account.staffId) ?? null),
    schoolName: account.schoolId === null ? null : (names.schools.get(account.schoolId) ?? null),
    lastSignInDay: account.lastSignInAt === null ? null : LONDON_DAY.format(new Date(account.lastSignInAt)),
    isSelf: account.id === viewer.id,
  };
}

/**
 * Why an invitation could not be sent again: its email did not go (the new link is saved,
 * so it can simply be tried again), or a refusal with its status (another school's
 * account is 404 like an unknown one; 409 once accepted, or when it could not sign in).
 */
export function invitationRefusal(error: unknown): 'not-sent' | { status: HttpStatus; errors: FieldError[] } {
  if (error instanceof InvitationNotSent) return 'not-sent';
  if (error instanceof ConflictException) return { status: HttpStatus.CONFLICT, errors: formErrorsFrom(error) };
  throw error;
}
