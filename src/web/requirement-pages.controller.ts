import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ONLINE_SAFETY_REQUIREMENT } from '../compliance/default-requirements';
import { TOPICS } from '../courses/course.entity';
import { CreateRequirementDto, RequirementDto, UpdateRequirementDto } from '../requirements/requirement.dto';
import { RequirementsService } from '../requirements/requirements.service';
import { formView, validateForm } from './forms';
import {
  AUDIENCE_CHOICES,
  removalErrorsFrom,
  requirementErrorsFrom,
  requirementFormDefaults,
  requirementFormRedisplay,
  requirementFormValues,
  ROLE_CHOICES,
} from './requirement-form';

const NOTICES: Record<string, string> = { saved: 'requirements.saved', removed: 'requirements.removed' };

/**
 * The school's training matrix, for its DSP: list, add, edit, remove. What may change
 * (the online-safety row's audience and topics never; the first two never removed) is
 * the API's service's decision; these pages show its refusals beside the fields.
 */
@ApiExcludeController()
@Roles('dsp')
@Controller('requirements')
export class RequirementPagesController {
  constructor(private readonly requirements: RequirementsService) {}

  @Get()
  async list(
    @CurrentUser() user: AuthUser,
    @Query('done') done: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    await this.renderList(user, response, NOTICES[done ?? ''] ?? null, formView({}));
  }

  @Get('new')
  addForm(@CurrentUser() user: AuthUser, @Res() response: Response): void {
    this.renderForm(user, response, null, formView(requirementFormDefaults()));
  }

  @Post('new')
  async add(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const values = requirementFormValues(body, { creating: true, fixedAudience: false });
    const form = await validateForm(CreateRequirementDto, values);
    const errors =
      form.errors ??
      (await this.requirements.create(user, user.schoolId!, form.dto).then(() => null, requirementErrorsFrom));
    if (!errors) {
      response.redirect(303, '/requirements?done=saved');
      return;
    }
    const view = formView(requirementFormRedisplay(body), errors, response.locals.lang);
    this.renderForm(user, response.status(400), null, view);
  }

  @Get(':code/edit')
  async editForm(@CurrentUser() user: AuthUser, @Param('code') code: string, @Res() response: Response): Promise<void> {
    const requirement = await this.requirements.findOne(user, user.schoolId!, code);
    this.renderForm(user, response, requirement, formView(requirementFormDefaults(requirement)));
  }

  @Post(':code/edit')
  async edit(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const requirement = await this.requirements.findOne(user, user.schoolId!, code);
    const values = requirementFormValues(body, { creating: false, fixedAudience: isFixed(requirement) });
    const form = await validateForm(UpdateRequirementDto, values);
    const errors =
      form.errors ??
      (await this.requirements.update(user, user.schoolId!, code, form.dto).then(() => null, requirementErrorsFrom));
    if (!errors) {
      response.redirect(303, '/requirements?done=saved');
      return;
    }
    const view = formView(requirementFormRedisplay(body), errors, response.locals.lang);
    this.renderForm(user, response.status(400), requirement, view);
  }

  @Post(':code/remove')
  async remove(@CurrentUser() user: AuthUser, @Param('code') code: string, @Res() response: Response): Promise<void> {
    const errors = await this.requirements.remove(user, user.schoolId!, code).then(() => null, removalErrorsFrom);
    if (!errors) {
      response.redirect(303, '/requirements?done=removed');
      return;
    }
    await this.renderList(user, response.status(409), null, formView({}, errors, response.locals.lang));
  }

  private async renderList(
    user: AuthUser,
    response: Response,
    notice: string | null,
    form: ReturnType<typeof formView>,
  ): Promise<void> {
    const requirements = await this.requirements.list(user, user.schoolId!);
    response.render('pages/requirements', {
      title: 'requirements.title',
      user,
      notice,
      errorList: form.errorList,
      requirements: requirements.map((requirement) => ({
        ...requirement,
        custom: Array.isArray(requirement.audience),
      })),
    });
  }

  private renderForm(
    user: AuthUser,
    response: Response,
    requirement: RequirementDto | null,
    form: ReturnType<typeof formView>,
  ): void {
    response.render('pages/requirement-form', {
      title: requirement ? 'requirements.editTitle' : 'requirements.add',
      user,
      requirement,
      fixedAudience: requirement !== null && isFixed(requirement),
      audiences: AUDIENCE_CHOICES,
      roles: ROLE_CHOICES,
      topics: TOPICS,
      ...form,
    });
  }
}

/** The headline figures are the online-safety requirement's: its audience and topics are not on its form. */
function isFixed(requirement: RequirementDto): boolean {
  return requirement.code === ONLINE_SAFETY_REQUIREMENT.code;
}
