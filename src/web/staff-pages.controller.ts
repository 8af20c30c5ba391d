import { Body, Controller, Get, HttpException, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ClockService } from '../clock/clock.service';
import { CreateStaffDto, StaffDto, UpdateStaffDto } from '../staff/staff.dto';
import { LANGUAGES } from '../common/language';
import { SAFEGUARDING_ROLES } from '../staff/staff-member.entity';
import { StaffService } from '../staff/staff.service';
import { InvitationsService } from '../users/invitations.service';
import { formErrorsFrom, formView, optionalText, validateForm } from './forms';
import { staffErrorsFrom, staffFormValues } from './staff-form';
import { ParseIdPipe } from '../common/validation/id';
import { hasLeftBy } from '../common/day';

type Form = ReturnType<typeof formView>;

/** The DSP keeps the staff list: add, edit, mark a leaver (and undo it), see who has left. */
@ApiExcludeController()
@Roles('dsp')
@Controller('staff')
export class StaffPagesController {
  constructor(
    private readonly staff: StaffService,
    private readonly clock: ClockService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get('new')
  addForm(@CurrentUser() user: AuthUser, @Res() response: Response): void {
    this.renderForm(user, response, null, formView({ safeguardingRole: 'none', language: 'en' }));
  }

  @Post('new')
  async add(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @Res() response: Response,
  ): Promise<void> {
    const form = await validateForm(CreateStaffDto, { schoolId: user.schoolId, ...staffFormValues(body, false) });
    const result = form.errors
      ? { errors: form.errors }
      : await this.staff.create(user, form.dto).then(
          (member) => ({ member }),
          (error: unknown) => ({ errors: staffErrorsFrom(error) }),
        );
    if ('member' in result) {
      const invited = body.invite === 'on' ? await this.invite(user, result.member) : null;
      const notice = invited === null ? 'added' : invited ? 'added-invited' : 'added-not-invited';
      response.redirect(303, `/staff/${result.member.id}?changed=${notice}`);
      return;
    }
    this.renderForm(user, response.status(400), null, formView(body, result.errors, response.locals.lang));
  }

  @Get('leavers')
  async leavers(@CurrentUser() user: AuthUser, @Res() response: Response): Promise<void> {
    const today = this.clock.today();
    const everyone = await this.staff.list(user, {});
    response.render('pages/staff-leavers', {
      title: 'staff.leaversTitle',
      user,
      leavers: everyone
        .filter((member) => hasLeftBy(member.leftOn, today))
        .sort((a, b) => b.leftOn!.localeCompare(a.leftOn!)),
      future: everyone.filter((member) => member.startDate > today && (member.leftOn ?? '9999') > today),
    });
  }

  @Get(':id/edit')
  async editForm(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
    @Res() response: Response,
  ): Promise<void> {
    const member = await this.staff.get(user, id);
    const values = { ...member, jobTitle: member.jobTitle ?? '', misId: member.misId ?? '' };
    this.renderForm(user, response, member, formView(values));
  }

  @Post(':id/edit')
  async edit(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
    @Body() body: Record<string, string>,
    @Res() response: Response,
  ): Promise<void> {
    const member = await this.staff.get(user, id);
    const form = await validateForm(UpdateStaffDto, staffFormValues(body, true));
    const errors = form.errors ?? (await this.staff.update(user, id, form.dto).then(() => null, staffErrorsFrom));
    if (!errors) {
      response.redirect(303, `/staff/${id}?changed=updated`);
      return;
    }
    this.renderForm(user, response.status(400), member, formView(body, errors, response.locals.lang));
  }

  /** A leaving date, past or planned; the record and its history stay. */
  @Post(':id/leave')
  async leave(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
    @Body() body: Record<string, string>,
    @Res() response: Response,
  ): Promise<void> {
    const member = await this.staff.get(user, id);
    const form = await validateForm(UpdateStaffDto, { leftOn: optionalText(body.leftOn) ?? '' });
    const errors =
      form.errors ?? (await this.staff.update(user, id, { leftOn: form.dto.leftOn }).then(() => null, formErrorsFrom));
    if (!errors) {
      response.redirect(303, `/staff/${id}?changed=left`);
      return;
    }
    const values = { ...member, jobTitle: member.jobTitle ?? '', misId: member.misId ?? '' };
    const leaveForm = formView({ leftOn: body.leftOn }, errors, response.locals.lang);
    this.renderForm(user, response.status(400), member, formView(values), leaveForm);
  }

  /** Undoes a leaver: marked by mistake, or they came back. */
  @Post(':id/return')
  async return(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
    @Res() response: Response,
  ): Promise<void> {
    await this.staff.update(user, id, { leftOn: null });
    response.redirect(303, `/staff/${id}?changed=returned`);
  }

  /**
   * An account for the new member to see their own record: the invitation email's link
   * lets them choose a password. The member is saved either way; a refused invitation
   * (e.g. an account already uses the email) is said on their record.
   */
  private async invite(user: AuthUser, member: StaffDto): Promise<boolean> {
    try {
      await this.invitations.invite(user, {
        email: member.email,
        role: 'staff',
        schoolId: member.schoolId,
        staffId: member.id,
      });
      return true;
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() < 500) return false;
      throw error;
    }
  }

  private renderForm(
    user: AuthUser,
    response: Response,
    member: StaffDto | null,
    form: Form,
    leaveForm: Form = formView({ leftOn: member?.leftOn ?? this.clock.today() }),
  ): void {
    response.render('pages/staff-form', {
      title: member ? 'staff.edit' : 'staff.add',
      user,
      member,
      roles: SAFEGUARDING_ROLES,
      languages: LANGUAGES,
      leave: leaveForm,
      ...form,
    });
  }
}
