import { Get, NotFoundException, Param, Query, Redirect, Render } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CompletionsService } from '../completions/completions.service';
import { ComplianceService } from '../compliance/compliance.service';
import { inductionDueOn, isSafeguardingLead } from '../compliance/staff-standing';
import { NeedsAuditsService } from '../needs-audits/needs-audits.service';
import { ReminderLogService } from '../reminders/reminder-log.service';
import { SchoolsService } from '../schools/schools.service';
import { reminderSubject, requirementLines } from './requirement-labels';
import { SchoolPagesService } from './school-pages.service';
import { ParseIdPipe } from '../common/validation/id';
import { PageController } from './page-controller.decorator';

/** The notice shown after a change made on the staff pages. */
const CHANGE_NOTICES: Record<string, string> = {
  added: 'staff.added',
  'added-invited': 'staff.addedInvited',
  'added-not-invited': 'staff.addedNotInvited',
  'added-invite-not-sent': 'staff.addedInviteNotSent',
  updated: 'staff.updated',
  left: 'staff.leftSaved',
  returned: 'staff.returned',
  audited: 'audit.saved',
};

/** One member's training record: for the DSP, and for the member themselves (the reminder email's link). */
@PageController()
export class RecordPagesController {
  constructor(
    private readonly pages: SchoolPagesService,
    private readonly completions: CompletionsService,
    private readonly audits: NeedsAuditsService,
    private readonly reminders: ReminderLogService,
    private readonly compliance: ComplianceService,
    private readonly schools: SchoolsService,
  ) {}

  @Get('me')
  @Roles('staff')
  @Redirect(undefined, 303)
  me(@CurrentUser() user: AuthUser): { url: string } {
    if (user.staffId === null) throw new NotFoundException();
    return { url: `/staff/${user.staffId}` };
  }

  /** Works out this member's standing from their own records, not the whole school's. */
  @Get('staff/:id')
  @Render('pages/staff-record')
  async record(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
    @Query('saved') saved: string | undefined,
    @Query('changed') changed: string | undefined,
  ) {
    const member = await this.pages.staffMember(user, id);
    const school = await this.schools.findEntity(member.schoolId);
    const [completions, welshTitles, audits, reminders, { standing, requirements }] = await Promise.all([
      this.completions.list(user, { staffId: id }),
      this.pages.welshCourseTitles(member.schoolId),
      this.audits.list(user, { staffId: id }),
      this.reminders.list(user, { staffId: id }),
      this.compliance.memberStanding(school, id),
    ]);
    const inInduction = standing?.status === 'induction-due' || standing?.status === 'induction-overdue';
    const titled = completions.map((completion) => ({
      ...completion,
      courseTitleCy: welshTitles.get(completion.courseId) ?? null,
    }));
    return {
      title: 'record.title',
      user,
      member,
      standing,
      inductionDueOn: inInduction ? inductionDueOn(member, school) : null,
      isLead: isSafeguardingLead(member),
      requirementLines: standing ? requirementLines(standing.requirements, titled) : [],
      completions: titled,
      audits,
      reminders: reminders.map((reminder) => ({
        ...reminder,
        subject: reminderSubject(reminder.training, requirements),
      })),
      saved: saved === '1',
      changed: CHANGE_NOTICES[changed ?? ''] ?? null,
      canRecord: user.role === 'dsp',
      isOwnRecord: user.role === 'staff' && user.staffId === id,
      // Certificates are personal documents: governors never open them, whatever they may see.
      canSeeCertificates: user.role !== 'governor',
    };
  }
}
