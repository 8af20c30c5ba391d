import { Body, Get, Param, Post, Query, Redirect, Render } from '@nestjs/common';
import { ParseIdPipe } from '../common/validation/id';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ClockService } from '../clock/clock.service';
import { Language } from '../common/language';
import { TOPICS } from '../courses/course.entity';
import { CreateNeedsAuditDto, CreateNeedsAuditsDto } from '../needs-audits/needs-audit.dto';
import { NeedsAuditsService } from '../needs-audits/needs-audits.service';
import { StaffService } from '../staff/staff.service';
import { formErrorsFrom, formView, validateForm } from './forms';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { SchoolPagesService } from './school-pages.service';
import { PageController } from './page-controller.decorator';

type FormBody = Record<string, string | string[] | undefined>;
type Errors = Parameters<typeof formView>[1];

const MEMBER_VIEW = 'pages/needs-audit-form';
const STAFF_VIEW = 'pages/needs-audit-staff';

const ticked = (value: string | string[] | undefined): string[] => ([] as string[]).concat(value ?? []);
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * Training-needs audits: one member's needs by topic with a note each, or the whole
 * staff in one table (topics as tick boxes) saved as one audit per member, together.
 */
@Roles('dsp')
@PageController()
export class NeedsAuditPagesController {
  constructor(
    private readonly audits: NeedsAuditsService,
    private readonly staff: StaffService,
    private readonly pages: SchoolPagesService,
    private readonly clock: ClockService,
  ) {}

  @Get('staff/:id/audit')
  @Render(MEMBER_VIEW)
  memberForm(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
    @PageLanguage() language: Language,
  ) {
    return this.memberPage(user, id, { auditedOn: this.clock.today() }, [], language);
  }

  @Post('staff/:id/audit')
  @Redirect(undefined, 303)
  async recordMember(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
    @Body() body: FormBody,
    @PageLanguage() language: Language,
  ): Promise<{ url: string }> {
    const needs = ticked(body.topics).map((topic) => ({ topic, note: text(body[`note-${topic}`]) || null }));
    const form = await validateForm(CreateNeedsAuditDto, { staffId: id, auditedOn: text(body.auditedOn), needs });
    const errors = form.errors ?? (await this.audits.create(user, form.dto).then(() => null, formErrorsFrom));
    if (errors) throw new RefusedForm(MEMBER_VIEW, await this.memberPage(user, id, body, errors, language));
    return { url: `/staff/${id}?changed=audited` };
  }

  @Get('audits/new')
  @Render(STAFF_VIEW)
  staffForm(
    @CurrentUser() user: AuthUser,
    @Query('saved') saved: string | undefined,
    @PageLanguage() language: Language,
  ) {
    return this.wholeStaffPage(user, { auditedOn: this.clock.today() }, [], language, saved === '1');
  }

  @Post('audits/new')
  @Redirect('/audits/new?saved=1', 303)
  async recordWholeStaff(
    @CurrentUser() user: AuthUser,
    @Body() body: FormBody,
    @PageLanguage() language: Language,
  ): Promise<void> {
    const staff = await this.pages.activeStaffOptions(user);
    const audits = staff.map((member) => {
      const note = text(body[`note-${member.id}`]) || null;
      return { staffId: member.id, needs: ticked(body[`needs-${member.id}`]).map((topic) => ({ topic, note })) };
    });
    const form = await validateForm(CreateNeedsAuditsDto, { auditedOn: text(body.auditedOn), audits });
    const errors = form.errors ?? (await this.audits.createMany(user, form.dto).then(() => null, formErrorsFrom));
    if (errors) throw new RefusedForm(STAFF_VIEW, await this.wholeStaffPage(user, body, errors, language, false));
  }

  /** One member's audit form, blank or as typed beside its refusals. */
  private async memberPage(user: AuthUser, id: number, values: FormBody, errors: Errors, language: Language) {
    const member = await this.staff.get(user, id);
    const chosen = ticked(values.topics);
    return {
      title: 'audit.memberTitle',
      user,
      member,
      topics: TOPICS.map((topic) => ({ topic, checked: chosen.includes(topic), note: text(values[`note-${topic}`]) })),
      ...formView(values, errors, language),
    };
  }

  /** The whole staff's audit table: one row per active member, blank or as typed beside its refusals. */
  private async wholeStaffPage(user: AuthUser, values: FormBody, errors: Errors, language: Language, saved: boolean) {
    const staff = await this.pages.activeStaffOptions(user);
    const rows = staff.map((member) => {
      const chosen = ticked(values[`needs-${member.id}`]);
      return {
        id: member.id,
        name: member.name,
        note: text(values[`note-${member.id}`]),
        topics: TOPICS.map((topic) => ({ topic, checked: chosen.includes(topic) })),
      };
    });
    return {
      title: 'audit.staffTitle',
      user,
      rows,
      topics: TOPICS,
      saved,
      ...formView(values, errors, language),
    };
  }
}
