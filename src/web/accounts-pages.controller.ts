import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ClockService } from '../clock/clock.service';
import { FieldError } from '../common/errors/field-errors';
import { ParseIdPipe } from '../common/validation/id';
import { SchoolsService } from '../schools/schools.service';
import { StaffService } from '../staff/staff.service';
import { InvitationsService } from '../users/invitations.service';
import { InviteUserDto } from '../users/user.dto';
import { Role } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { accountErrorsFrom, accountRow, emailFieldErrors, INVITABLE_ROLES, inviteFormValues } from './accounts-view';
import { formErrorsFrom, formView, validateForm } from './forms';
import { hasLeftBy } from '../common/day';

const NOTICES: Record<string, string> = {
  invited: 'accounts.invited',
  disabled: 'accounts.disabledNotice',
  enabled: 'accounts.enabledNotice',
  'school-added': 'accounts.schoolAdded',
};

/**
 * Who can sign in. A DSP: their school's accounts, inviting a deputy, a governor or a
 * member of staff by email, switching accounts off and on. An admin: the same for DSPs.
 * Switching an account off ends its sessions at once (the API's rule).
 */
@ApiExcludeController()
@Roles('dsp', 'admin')
@Controller('accounts')
export class AccountsPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
    private readonly staff: StaffService,
    private readonly schools: SchoolsService,
    private readonly clock: ClockService,
  ) {}

  @Get()
  async list(
    @CurrentUser() user: AuthUser,
    @Query('changed') changed: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    await this.render(user, response, formView({ role: 'governor' }), NOTICES[changed ?? '']);
  }

  @Post('invite')
  async invite(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @Res() response: Response,
  ): Promise<void> {
    const values = inviteFormValues(user, body, response.locals.lang);
    const errors = await this.inviteOrRefuse(user, values);
    if (!errors) {
      response.redirect(303, '/accounts?changed=invited');
      return;
    }
    await this.render(user, response.status(400), formView(body, errors, response.locals.lang));
  }

  @Post(':id/disable')
  setOff(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('account')) id: number,
    @Res() response: Response,
  ): Promise<void> {
    return this.switchAccount(user, id, true, response);
  }

  @Post(':id/enable')
  setOn(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('account')) id: number,
    @Res() response: Response,
  ): Promise<void> {
    return this.switchAccount(user, id, false, response);
  }

  private async inviteOrRefuse(user: AuthUser, values: Record<string, unknown>): Promise<FieldError[] | null> {
    const allowed = INVITABLE_ROLES[user.role as 'dsp' | 'admin'];
    if (!allowed.includes(values.role as Role)) return [{ field: 'role', message: 'role: choose one of the list' }];
    const form = await validateForm(InviteUserDto, values);
    if (form.errors) return emailFieldErrors(form.errors);
    return this.invitations.invite(user, form.dto).then(() => null, accountErrorsFrom);
  }

  private async switchAccount(user: AuthUser, id: number, disabled: boolean, response: Response): Promise<void> {
    const errors = await this.users.update(user, id, { disabled }).then(() => null, formErrorsFrom);
    if (!errors) {
      response.redirect(303, `/accounts?changed=${disabled ? 'disabled' : 'enabled'}`);
      return;
    }
    // The one refusal a switch can meet is one's own account; the page has no field for it, so it heads the page.
    const problems = errors.map((error) => ({ ...error, field: '', code: error.code ?? 'account-self-disable' }));
    await this.render(user, response.status(400), formView({ role: 'governor' }, problems, response.locals.lang));
  }

  private async render(
    user: AuthUser,
    response: Response,
    form: ReturnType<typeof formView>,
    notice?: string,
  ): Promise<void> {
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
    response.render('pages/accounts', {
      title: admin ? 'accounts.adminTitle' : 'accounts.title',
      user,
      admin,
      notice: notice ?? null,
      accounts: accounts
        .filter((account) => !admin || account.role === 'dsp')
        .map((account) => accountRow(account, user, names)),
      roles: INVITABLE_ROLES[admin ? 'admin' : 'dsp'],
      staffOptions: staff.filter((member) => !hasLeftBy(member.leftOn, today)),
      schools,
      ...form,
    });
  }
}
