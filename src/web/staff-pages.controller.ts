import { Body, Get, HttpException, Param, Post, Redirect, Render } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ClockService } from '../clock/clock.service';
import { CreateStaffDto, StaffDto, UpdateStaffDto } from '../staff/staff.dto';
import { Language, LANGUAGES } from '../common/language';
import { SAFEGUARDING_ROLES } from '../staff/staff-member.entity';
import { StaffService } from '../staff/staff.service';
import { InvitationNotSent, InvitationsService } from '../users/invitations.service';
import { formErrorsFrom, formView, optionalText, validateForm } from './forms';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { staffFormValues } from './staff-form';
import { ParseIdPipe } from '../common/validation/id';
import { hasLeftBy } from '../common/day';
import { PageController } from './page-controller.decorator';

type Form = ReturnType<typeof formView>;

const FORM_VIEW = 'pages/staff-form';

/** The DSP keeps the staff list: add, edit, mark a leaver (and undo it), see who has left. */
@Roles('dsp')
@PageController('staff')
export class StaffPagesController {
  constructor(
    private readonly staff: StaffService,
    private readonly clock: ClockService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get('new')
  @Render(FORM_VIEW)
  addForm(@CurrentUser() user: AuthUser) {
    return this.formPage(user, null, formView({ safeguardingRole: 'none', language: 'en' }));
  }

  @Post('new')
  @Redirect(undefined, 303)
  async add(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @PageLanguage() language: Language,
  ): Promise<{ url: string }> {
    const form = await validateForm(CreateStaffDto, { schoolId: user.schoolId, ...staffFormValues(body, false) });
    const result = form.errors
      ? { errors: form.errors }
      : await this.staff.create(user, form.dto).then(
          (member) => ({ member }),
          (error: unknown) => ({ errors: formErrorsFrom(error) }),
        );
    if (!('member' in result))
      throw new RefusedForm(FORM_VIEW, this.formPage(user, null, formView(body, result.errors, language)));
    const notice = body.invite === 'on' ? await this.invite(user, result.member) : 'added';
    return { url: `/staff/${result.member.id}?changed=${notice}` };
  }

  @Get('leavers')
  @Render('pages/staff-leavers')
  async leavers(@CurrentUser() user: AuthUser) {
    const today = this.clock.today();
    const everyone = await this.staff.list(user, {});
    return {
      title: 'staff.leaversTitle',
      user,
      leavers: everyone
        .filter((member) => hasLeftBy(member.leftOn, today))
        .sort((a, b) => b.leftOn!.localeCompare(a.leftOn!)),
      future: everyone.filter((member) => member.startDate > today && (member.leftOn ?? '9999') > today),
    };
  }

  @Get(':id/edit')
  @Render(FORM_VIEW)
  async editForm(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('staff member')) id: number) {
    const member = await this.staff.get(user, id);
    return this.formPage(user, member, formView(editValues(member)));
  }

  @Post(':id/edit')
  @Redirect(undefined, 303)
  async edit(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
    @Body() body: Record<string, string>,
    @PageLanguage() language: Language,
  ): Promise<{ url: string }> {
    const member = await this.staff.get(user, id);
    const form = await validateForm(UpdateStaffDto, staffFormValues(body, true));
    const errors = form.errors ?? (await this.staff.update(user, id, form.dto).then(() => null, formErrorsFrom));
    if (errors) throw new RefusedForm(FORM_VIEW, this.formPage(user, member, formView(body, errors, language)));
    return { url: `/staff/${id}?changed=updated` };
  }

  /** A leaving date, past or planned; the record and its history stay. */
  @Post(':id/leave')
  @Redirect(undefined, 303)
  async leave(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
    @Body() body: Record<string, string>,
    @PageLanguage() language: Language,
  ): Promise<{ url: string }> {
    const member = await this.staff.get(user, id);
    const form = await validateForm(UpdateStaffDto, { leftOn: optionalText(body.leftOn) ?? '' });
    const errors =
      form.errors ?? (await this.staff.update(user, id, { leftOn: form.dto.leftOn }).then(() => null, formErrorsFrom));
    if (errors) {
      const leaveForm = formView({ leftOn: body.leftOn }, errors, language);
      throw new RefusedForm(FORM_VIEW, this.formPage(user, member, formView(editValues(member)), leaveForm));
    }
    return { url: `/staff/${id}?changed=left` };
  }

  /** Undoes a leaver: marked by mistake, or they came back. */
  @Post(':id/return')
  @Redirect(undefined, 303)
  async return(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
  ): Promise<{ url: string }> {
    await this.staff.update(user, id, { leftOn: null });
    return { url: `/staff/${id}?changed=returned` };
  }
  /**
   * An account for the new member to see their own record: the invitation email's link
   * lets them choose a password. The member is saved either way; a refused invitation
   * (e.g. an account already uses the email), or one saved whose email did not go, is
   * said on their record. Answers the record's notice.
   */
  private async invite(user: AuthUser, member: StaffDto): Promise<string> {
    try {
      await this.invitations.invite(user, {
        email: member.email,
        role: 'staff',
        schoolId: member.schoolId,
        staffId: member.id,
      });
      return 'added-invited';
    } catch (error) {
      if (error instanceof InvitationNotSent) return 'added-invite-not-sent';
      if (error instanceof HttpException && error.getStatus() < 500) return 'added-not-invited';
      throw error;
    }
  }

  /** The staff form's page model, for a new member (`member` null) or an edit, with the leaving date's own form. */
  private formPage(
    user: AuthUser,
    member: StaffDto | null,
    form: Form,
    leaveForm: Form = formView({ leftOn: member?.leftOn ?? this.clock.today() }),
  ) {
    return {
      title: member ? 'staff.edit' : 'staff.add',
      user,
      member,
      roles: SAFEGUARDING_ROLES,
      languages: LANGUAGES,
      leave: leaveForm,
      ...form,
    };
  }
}

/** A member's fields as the edit form shows them: empty text for what is not set. */
function editValues(member: StaffDto) {
  return { ...member, jobTitle: member.jobTitle ?? '', misId: member.misId ?? '' };
}
