import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { EXPIRY_BASES } from '../compliance/compliance.types';
import { UpdateSchoolDto } from '../schools/school.dto';
import { SchoolsService } from '../schools/schools.service';
import { formErrorsFrom, formView, optionalText, toInt, validateForm } from './forms';
import { SchoolPagesService } from './school-pages.service';

const NUMBER_FIELDS = [
  'annualRefreshMonths',
  'inductionWindowDays',
  'dueSoonDays',
  'coverageThresholdPercent',
  'coordinatorCopyAfterDays',
] as const;

/** The school settings form, for the school's DSP. */
@ApiExcludeController()
@Roles('dsp')
@Controller('settings')
export class SettingsPagesController {
  constructor(
    private readonly schools: SchoolsService,
    private readonly pages: SchoolPagesService,
  ) {}

  @Get()
  async form(
    @CurrentUser() user: AuthUser,
    @Query('saved') saved: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const school = await this.schools.get(user, user.schoolId!);
    const values = {
      ...school,
      reminderOffsetsDays: school.reminderOffsetsDays.join(', '),
      trainingCoordinatorId: school.trainingCoordinatorId ?? '',
    };
    await this.render(user, response, formView(values), saved === '1');
  }

  @Post()
  async save(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @Res() response: Response,
  ): Promise<void> {
    const values: Record<string, unknown> = {
      trainingCoordinatorId:
        optionalText(body.trainingCoordinatorId) === undefined ? null : toInt(body.trainingCoordinatorId),
      filteringReviewedOn: optionalText(body.filteringReviewedOn) ?? null,
      governorsSeeNames: body.governorsSeeNames === 'on',
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
    if (!errors) {
      response.redirect(303, '/settings?saved=1');
      return;
    }
    await this.render(user, response.status(400), formView(body, errors, response.locals.lang), false);
  }

  private async render(
    user: AuthUser,
    response: Response,
    form: ReturnType<typeof formView>,
    saved: boolean,
  ): Promise<void> {
    const staff = await this.pages.activeStaffOptions(user);
    response.render('pages/settings', {
      title: 'settings.title',
      user,
      staff,
      saved,
      numberFields: NUMBER_FIELDS,
      expiryBases: EXPIRY_BASES,
      ...form,
    });
  }
}
