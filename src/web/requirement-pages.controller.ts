import { Body, Get, HttpStatus, Param, Post, Query, Redirect, Render } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { Language } from '../common/language';
import { ONLINE_SAFETY_REQUIREMENT } from '../compliance/default-requirements';
import { TOPICS } from '../courses/course.entity';
import { CreateRequirementDto, RequirementDto, UpdateRequirementDto } from '../requirements/requirement.dto';
import { RequirementsService } from '../requirements/requirements.service';
import { formErrorsFrom, formView, validateForm } from './forms';
import {
  AUDIENCE_CHOICES,
  requirementFormDefaults,
  requirementFormRedisplay,
  requirementFormValues,
  ROLE_CHOICES,
} from './requirement-form';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { PageController } from './page-controller.decorator';

const LIST_VIEW = 'pages/requirements';
const FORM_VIEW = 'pages/requirement-form';

const NOTICES: Record<string, string> = { saved: 'requirements.saved', removed: 'requirements.removed' };

/**
 * The school's training matrix, for its DSP: list, add, edit, remove. What may change
 * (the online-safety row's audience and topics never; the first two never removed) is
 * the API's service's decision; these pages show its refusals beside the fields.
 */
@Roles('dsp')
@PageController('requirements')
export class RequirementPagesController {
  constructor(private readonly requirements: RequirementsService) {}

  @Get()
  @Render(LIST_VIEW)
  list(@CurrentUser() user: AuthUser, @Query('done') done: string | undefined) {
    return this.listPage(user, NOTICES[done ?? ''] ?? null, formView({}));
  }

  @Get('new')
  @Render(FORM_VIEW)
  addForm(@CurrentUser() user: AuthUser) {
    return this.formPage(user, null, formView(requirementFormDefaults()));
  }

  @Post('new')
  @Redirect('/requirements?done=saved', 303)
  async add(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
    @PageLanguage() language: Language,
  ): Promise<void> {
    const values = requirementFormValues(body, { creating: true, fixedAudience: false });
    const form = await validateForm(CreateRequirementDto, values);
    const errors =
      form.errors ?? (await this.requirements.create(user, user.schoolId!, form.dto).then(() => null, formErrorsFrom));
    if (errors)
      throw new RefusedForm(
        FORM_VIEW,
        this.formPage(user, null, formView(requirementFormRedisplay(body), errors, language)),
      );
  }

  @Get(':code/edit')
  @Render(FORM_VIEW)
  async editForm(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const requirement = await this.requirements.findOne(user, user.schoolId!, code);
    return this.formPage(user, requirement, formView(requirementFormDefaults(requirement)));
  }

  @Post(':code/edit')
  @Redirect('/requirements?done=saved', 303)
  async edit(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() body: Record<string, unknown>,
    @PageLanguage() language: Language,
  ): Promise<void> {
    const requirement = await this.requirements.findOne(user, user.schoolId!, code);
    const values = requirementFormValues(body, { creating: false, fixedAudience: isFixed(requirement) });
    const form = await validateForm(UpdateRequirementDto, values);
    const errors =
      form.errors ??
      (await this.requirements.update(user, user.schoolId!, code, form.dto).then(() => null, formErrorsFrom));
    if (errors)
      throw new RefusedForm(
        FORM_VIEW,
        this.formPage(user, requirement, formView(requirementFormRedisplay(body), errors, language)),
      );
  }

  /** The two requirements kept for good are refused with 409, on the list that offered the button. */
  @Post(':code/remove')
  @Redirect('/requirements?done=removed', 303)
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @PageLanguage() language: Language,
  ): Promise<void> {
    const errors = await this.requirements.remove(user, user.schoolId!, code).then(() => null, formErrorsFrom);
    if (errors)
      throw new RefusedForm(
        LIST_VIEW,
        await this.listPage(user, null, formView({}, errors, language)),
        HttpStatus.CONFLICT,
      );
  }

  private async listPage(user: AuthUser, notice: string | null, form: ReturnType<typeof formView>) {
    const requirements = await this.requirements.list(user, user.schoolId!);
    return {
      title: 'requirements.title',
      user,
      notice,
      errorList: form.errorList,
      requirements: requirements.map((requirement) => ({
        ...requirement,
        custom: Array.isArray(requirement.audience),
      })),
    };
  }

  private formPage(user: AuthUser, requirement: RequirementDto | null, form: ReturnType<typeof formView>) {
    return {
      title: requirement ? 'requirements.editTitle' : 'requirements.add',
      user,
      requirement,
      fixedAudience: requirement !== null && isFixed(requirement),
      audiences: AUDIENCE_CHOICES,
      roles: ROLE_CHOICES,
      topics: TOPICS,
      ...form,
    };
  }
}

/** The headline figures are the online-safety requirement's: its audience and topics are not on its form. */
function isFixed(requirement: RequirementDto): boolean {
  return requirement.code === ONLINE_SAFETY_REQUIREMENT.code;
}
