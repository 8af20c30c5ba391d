import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ClockService } from '../clock/clock.service';
import { TOPICS } from '../courses/course.entity';
import { CreateNeedsAuditDto, CreateNeedsAuditsDto } from '../needs-audits/needs-audit.dto';
import { NeedsAuditsService } from '../needs-audits/needs-audits.service';
import { StaffService } from '../staff/staff.service';
import { formErrorsFrom, formView, validateForm } from './forms';
import { SchoolPagesService } from './school-pages.service';

type FormBody = Record<string, string | string[] | undefined>;

const ticked = (value: string | string[] | undefined): string[] => ([] as string[]).concat(value ?? []);
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * Training-needs audits: one member's needs by topic with a note each, or the whole
 * staff in one table (topics as tick boxes) saved as one audit per member, together.
 */
@ApiExcludeController()
@Roles('dsp')
@Controller()
export class NeedsAuditPagesController {
  constructor(
    private readonly audits: NeedsAuditsService,
    private readonly staff: StaffService,
    private readonly pages: SchoolPagesService,
    private readonly clock: ClockService,
  ) {}

  @Get('staff/:id/audit')
  async memberForm(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Res() response: Response,
  ): Promise<void> {
    await this.renderMember(user, response, id, { auditedOn: this.clock.today() });
  }

  @Post('staff/:id/audit')
  async recordMember(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const needs = ticked(body.topics).map((topic) => ({ topic, note: text(body[`note-${topic}`]) || null }));
    const form = await validateForm(CreateNeedsAuditDto, { staffId: id, auditedOn: text(body.auditedOn), needs });
    const errors = form.errors ?? (await this.audits.create(user, form.dto).then(() => null, formErrorsFrom));
    if (!errors) {
      response.redirect(303, `/staff/${id}?changed=audited`);
      return;
    }
    await this.renderMember(user, response.status(400), id, body, errors);
  }

  @Get('audits/new')
  async staffForm(
    @CurrentUser() user: AuthUser,
    @Query('saved') saved: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    await this.renderWholeStaff(user, response, { auditedOn: this.clock.today() }, [], saved === '1');
  }

  @Post('audits/new')
  async recordWholeStaff(
    @CurrentUser() user: AuthUser,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const staff = await this.pages.activeStaffOptions(user);
    const audits = staff.map((member) => {
      const note = text(body[`note-${member.id}`]) || null;
      return { staffId: member.id, needs: ticked(body[`needs-${member.id}`]).map((topic) => ({ topic, note })) };
    });
    const form = await validateForm(CreateNeedsAuditsDto, { auditedOn: text(body.auditedOn), audits });
    const errors = form.errors ?? (await this.audits.createMany(user, form.dto).then(() => null, formErrorsFrom));
    if (!errors) {
      response.redirect(303, '/audits/new?saved=1');
      return;
    }
    await this.renderWholeStaff(user, response.status(400), body, errors, false);
  }

  private async renderMember(
    user: AuthUser,
    response: Response,
    id: number,
    values: FormBody,
    errors: Parameters<typeof formView>[1] = [],
  ): Promise<void> {
    const member = await this.staff.get(user, id);
    const chosen = ticked(values.topics);
    response.render('pages/needs-audit-form', {
      title: 'audit.memberTitle',
      user,
      member,
      topics: TOPICS.map((topic) => ({ topic, checked: chosen.includes(topic), note: text(values[`note-${topic}`]) })),
      ...formView(values, errors, response.locals.lang),
    });
  }

  private async renderWholeStaff(
    user: AuthUser,
    response: Response,
    values: FormBody,
    errors: Parameters<typeof formView>[1],
    saved: boolean,
  ): Promise<void> {
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
    response.render('pages/needs-audit-staff', {
      title: 'audit.staffTitle',
      user,
      rows,
      topics: TOPICS,
      saved,
      ...formView(values, errors, response.locals.lang),
    });
  }
}
