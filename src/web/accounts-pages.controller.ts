import { Body, Get, Param, Post, Query, Redirect, Render } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ClockService } from '../clock/clock.service';
import { FieldError } from '../common/errors/field-errors';
import { Language } from '../common/language';
import { ParseIdPipe } from '../common/validation/id';
import { SchoolsService } from '../schools/schools.service';
import { StaffService } from '../staff/staff.service';
import { InvitationNotSent, InvitationsService } from '../users/invitations.service';
import { InviteUserDto } from '../users/user.dto';
import { Role } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import {
  accountErrorsFrom,
  accountRow,
  emailFieldErrors,
  INVITABLE_ROLES,
  invitationRefusal,
  inviteFormValues,
} from './accounts-view';
import { formErrorsFrom, formView, validateForm } from './forms';
import { hasLeftBy } from '../common/day';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { PageController } from './page-controller.decorator';

const VIEW = 'pages/accounts';

const NOTICES: Record<string, string> = {
  invited: 'accounts.invited',
  resent: 'accounts.resent',
  disabled: 'accounts.disabledNotice',
  enabled: 'accounts.enabledNotice',
  'school-added': 'accounts.schoolAdded',
};

/** Saved, but the email did not go: said as a warning, with what to do. */
const WARNINGS: Record<string, string> = {
  'invite-not-sent': 'accounts.inviteNotSent',
  'school-added-invite-not-sent': 'accounts.schoolAddedInviteNotSent',
};

/** Where an invitation saved but not emailed goes: the accounts page, saying so. */
const NOT_SENT = { url: '/accounts?changed=invite-not-sent' };

/**
 * Who can sign in. A DSP: their school's accounts, inviting a deputy, a governor or a
 * member of staff by email, switching accounts off and on. An admin: the same for DSPs.
 * Switching an account off ends its sessions at once (the API's rule).
 */
@Roles('dsp', 'admin')
@PageController('accounts')
export class AccountsPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
    private readonly staff: StaffService,
    private readonly schools: SchoolsService,
    private readonly clock: ClockService,
  ) {}

  @Get()
  @Render(VIEW)
  list(@CurrentUser() user: AuthUser, @Query('changed') changed: string | undefined) {
    return this.page(user, formView({ role: 'governor' }), NOTICES[changed ?? ''], WARNINGS[changed ?? '']);
  }

  @Post('invite')
  @Redirect('/accounts?changed=invited', 303)
  async invite(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @PageLanguage() language: Language,
  ): Promise<typeof NOT_SENT | undefined> {
    const values = inviteFormValues(user, body, language);
    const errors = await this.inviteOrRefuse(user, values);
    if (errors === 'not-sent') return NOT_SENT;
    if (errors) throw new RefusedForm(VIEW, await this.page(user, formView(body, errors, language)));
    return undefined;
  }

  /** A new link for an invitation not yet accepted; the earlier one stops working. */
  @Post(':id/resend')
  @Redirect('/accounts?changed=resent', 303)
  async resend(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('account')) id: number,
    @PageLanguage() language: Language,
  ): Promise<typeof NOT_SENT | undefined> {
    const outcome = await this.invitations.resend(user, id, language).then(() => null, invitationRefusal);
    if (outcome === 'not-sent') return NOT_SENT;
    if (!outcome) return undefined;
    const problems = outcome.errors.map((error) => ({ ...error, field: '' }));
    const page = await this.page(user, formView({ role: 'governor' }, problems, language));
    throw new RefusedForm(VIEW, page, outcome.status);
  }

  @Post(':id/disable')
  @Redirect('/accounts?changed=disabled', 303)
  setOff(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('account')) id: number,
    @PageLanguage() language: Language,
  ): Promise<void> {
    return this.switchAccount(user, id, true, language);
  }

  @Post(':id/enable')
  @Redirect('/accounts?changed=enabled', 303)
  setOn(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('account')) id: number,
    @PageLanguage() language: Language,
  ): Promise<void> {
    return this.switchAccount(user, id, false, language);
  }

  /** Null when invited; 'not-sent' when the account is saved but its email did not go; else the refusals. */
  private async inviteOrRefuse(
    user: AuthUser,
    values: Record<string, unknown>,
  ): Promise<FieldError[] | 'not-sent' | null> {
    const allowed = INVITABLE_ROLES[user.role as 'dsp' | 'admin'];
    if (!allowed.includes(values.role as Role)) return [{ field: 'role', message: 'role: choose one of the list' }];
    const form = await validateForm(InviteUserDto, values);
    if (form.errors) return emailFieldErrors(form.errors);
    return this.invitations.invite(user, form.dto).then(
      () => null,
      (error: unknown) => (error instanceof InvitationNotSent ? 'not-sent' : accountErrorsFrom(error)),
    );
  }

  private async switchAccount(user: AuthUser, id: number, disabled: boolean, language: Language): Promise<void> {
    const errors = await this.users.update(user, id, { disabled }).then(() => null, formErrorsFrom);
    if (!errors) return;
    // The one refusal a switch can meet is one's own account; the page has no field for it, so it heads the page.
    const problems = errors.map((error) => ({ ...error, field: '', code: error.code ?? 'account-self-disable' }));
    throw new RefusedForm(VIEW, await this.page(user, formView({ role: 'governor' }, problems, language)));
  }

  private async page(user: AuthUser, form: ReturnType<typeof formView>, notice?: string, warning?: string) {
    const admin = user.role === 'admin';
    const today = this.clock.today();
    const [accounts, staff, schools] = await Promise.all([
      this.users.listWithState(user, {}),
      admin ? Promise.resolve([]) : this.staff.list(user, {}),
      admin ? this.schools.list(user) : Promise.resolve([]),
    ]);
    const names = {
      staff: new Map(staff.map((member) => [member.id, member.name])),
      schools: new Map(schools.map((school) => [school.id, school.name])),
    };
    return {
      title: admin ? 'accounts.adminTitle' : 'accounts.title',
      user,
      admin,
      notice: notice ?? null,
      warning: warning ?? null,
      accounts: accounts
        .filter((account) => !admin || account.role === 'dsp')
        .map((account) => accountRow(account, user, names)),
      roles: INVITABLE_ROLES[admin ? 'admin' : 'dsp'],
      staffOptions: staff.filter((member) => !hasLeftBy(member.leftOn, today)),
      schools,
      ...form,
    };
  }
}
