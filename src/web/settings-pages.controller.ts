import { Body, Get, Post, Query, Redirect, Render } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { Language } from '../common/language';
import { EXPIRY_BASES } from '../compliance/compliance.types';
import { UpdateSchoolDto } from '../schools/school.dto';
import { SchoolsService } from '../schools/schools.service';
import { formErrorsFrom, formView, optionalText, tickBox, toInt, validateForm } from './forms';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { SchoolPagesService } from './school-pages.service';
import { PageController } from './page-controller.decorator';

const VIEW = 'pages/settings';

const NUMBER_FIELDS = [
  'annualRefreshMonths',
  'inductionWindowDays',
  'dueSoonDays',
  'coverageThresholdPercent',
  'coordinatorCopyAfterDays',
] as const;

/** The school settings form, for the school's DSP. */
@Roles('dsp')
@PageController('settings')
export class SettingsPagesController {
  constructor(
    private readonly schools: SchoolsService,
    private readonly pages: SchoolPagesService,
  ) {}

  @Get()
  @Render(VIEW)
  async form(@CurrentUser() user: AuthUser, @Query('saved') saved: string | undefined) {
    const school = await this.schools.get(user, user.schoolId!);
    const values = {
      ...school,
      reminderOffsetsDays: school.reminderOffsetsDays.join(', '),
      trainingCoordinatorId: school.trainingCoordinatorId ?? '',
    };
    return this.page(user, formView(values), saved === '1');
  }

  @Post()
  @Redirect('/settings?saved=1', 303)
  async save(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @PageLanguage() language: Language,
  ): Promise<void> {
    const values: Record<string, unknown> = {
      trainingCoordinatorId:
        optionalText(body.trainingCoordinatorId) === undefined ? null : toInt(body.trainingCoordinatorId),
      filteringReviewedOn: optionalText(body.filteringReviewedOn) ?? null,
      governorsSeeNames: tickBox(body.governorsSeeNames),
      expiryBasis: body.expiryBasis,
      academicYearGraceDays: toInt(body.academicYearGraceDays),
      reminderOffsetsDays: (body.reminderOffsetsDays ?? '')
        .split(',')
        .filter((part) => part.trim() !== '')
        .map((part) => toInt(part)),
    };
    for (const field of NUMBER_FIELDS) values[field] = toInt(body[field]);
    const form = await validateForm(UpdateSchoolDto, values);
    const errors =
      form.errors ?? (await this.schools.update(user, user.schoolId!, form.dto).then(() => null, formErrorsFrom));
    if (errors) throw new RefusedForm(VIEW, await this.page(user, formView(body, errors, language), false));
  }

  private async page(user: AuthUser, form: ReturnType<typeof formView>, saved: boolean) {
    const staff = await this.pages.activeStaffOptions(user);
    return {
      title: 'settings.title',
      user,
      staff,
      saved,
      numberFields: NUMBER_FIELDS,
      expiryBases: EXPIRY_BASES,
      ...form,
    };
  }
}
