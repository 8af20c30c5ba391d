import { Body, Controller, Get, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CompletionImportService } from '../completions/completion-import.service';
import { BulkCompletionDto, CreateCompletionDto } from '../completions/completion.dto';
import { CompletionsService } from '../completions/completions.service';
import { BODY_LIMIT_LABEL } from '../common/body-limit';
import { decodeUtf8Csv } from '../common/csv';
import { FieldError } from '../common/errors/field-errors';
import { STATUSES } from '../compliance/compliance.types';
import { PendingUploadsService } from '../pending-uploads/pending-uploads.service';
import { describeProblem, formErrorsFrom, formView, optionalText, toInt, validateForm } from './forms';
import { SchoolPagesService } from './school-pages.service';

const COMPLETION_IMPORT = 'completion-import';

/** The DSP's pages: the staff list, concerns and the three ways to record training. */
@ApiExcludeController()
@Roles('dsp')
@Controller()
export class DspPagesController {
  constructor(
    private readonly pages: SchoolPagesService,
    private readonly completions: CompletionsService,
    private readonly importer: CompletionImportService,
    private readonly uploads: PendingUploadsService,
  ) {}

  @Get('staff')
  async staffList(
    @CurrentUser() user: AuthUser,
    @Query('status') status: string | undefined,
    @Query('imported') imported: string | undefined,
    @Query('recorded') recorded: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const summary = await this.pages.summary(user, user.schoolId!);
    const selected = STATUSES.find((known) => known === status) ?? '';
    const staff = selected ? summary.staff.filter((member) => member.status === selected) : summary.staff;
    response.render('pages/staff-list', {
      title: 'staff.title',
      user,
      summary,
      staff,
      statuses: STATUSES,
      selected,
      imported: toInt(imported),
      recorded: toInt(recorded),
    });
  }

  @Get('concerns')
  async concerns(@CurrentUser() user: AuthUser, @Res() response: Response): Promise<void> {
    const summary = await this.pages.summary(user, user.schoolId!);
    response.render('pages/concerns', {
      title: 'concerns.title',
      user,
      summary,
      concerns: await this.pages.concernsView(user, summary),
    });
  }

  @Get('completions/new')
  async completionForm(
    @CurrentUser() user: AuthUser,
    @Query('staffId') staffId: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    await this.renderCompletionForm(
      user,
      response,
      formView({ staffId: staffId ?? '', courseId: '', completedOn: '', evidence: '' }),
    );
  }

  @Post('completions/new')
  async recordCompletion(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @Res() response: Response,
  ): Promise<void> {
    const values = {
      staffId: toInt(body.staffId),
      courseId: toInt(body.courseId),
      completedOn: body.completedOn,
      evidence: optionalText(body.evidence),
    };
    const form = await validateForm(CreateCompletionDto, values);
    const errors = form.errors ?? (await this.completions.create(user, form.dto).then(() => null, formErrorsFrom));
    if (!errors) {
      response.redirect(303, `/staff/${Number(values.staffId)}?saved=1`);
      return;
    }
    await this.renderCompletionForm(user, response.status(400), formView(body, errors, response.locals.lang));
  }

  @Get('sessions/new')
  async sessionForm(@CurrentUser() user: AuthUser, @Res() response: Response): Promise<void> {
    await this.renderSessionForm(
      user,
      response,
      formView({ staffIds: [], courseId: '', completedOn: '', evidence: '' }),
    );
  }

  @Post('sessions/new')
  async recordSession(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string | string[]>,
    @Res() response: Response,
  ): Promise<void> {
    const staffIds = ([] as string[]).concat(body.staffIds ?? []);
    const values = {
      staffIds: staffIds.map(toInt),
      courseId: toInt(body.courseId),
      completedOn: body.completedOn,
      evidence: optionalText(body.evidence),
    };
    const form = await validateForm(BulkCompletionDto, values);
    const errors =
      form.errors ?? (await this.completions.createSession(user, form.dto).then(() => null, formErrorsFrom));
    if (!errors) {
      response.redirect(303, `/staff?recorded=${staffIds.length}`);
      return;
    }
    await this.renderSessionForm(
      user,
      response.status(400),
      formView({ ...body, staffIds }, errors, response.locals.lang),
    );
  }

  @Get('import')
  importForm(@CurrentUser() user: AuthUser, @Res() response: Response): void {
    response.render('pages/import', { title: 'import.title', user, limit: BODY_LIMIT_LABEL, ...formView({}) });
  }

  /**
   * Step one: check the whole file and show every row, or every bad row, saving
   * nothing. A good file waits on the server for the confirm; the page holds its id.
   */
  @Post('import')
  async previewImport(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Res() response: Response,
  ): Promise<void> {
    try {
      const csv = decodeUtf8Csv(file?.buffer ?? Buffer.alloc(0));
      const preview = await this.importer.preview(user, csv);
      const uploadId = preview.errors.length ? null : await this.uploads.save(user.id, COMPLETION_IMPORT, csv);
      const lang = response.locals.lang;
      const errors = preview.errors.map(({ line, problems }) => ({
        line,
        message: problems.map((found) => describeProblem(lang, { field: '', ...found })).join(' '),
      }));
      response.status(errors.length ? 400 : 200).render('pages/import', {
        title: 'import.title',
        user,
        limit: BODY_LIMIT_LABEL,
        preview: { ...preview, errors },
        uploadId,
        ...formView({}),
      });
    } catch (error) {
      this.renderImportErrors(user, response, formErrorsFrom(error));
    }
  }

  /** Step two: the file that was checked, imported all or nothing. */
  @Post('import/confirm')
  async confirmImport(
    @CurrentUser() user: AuthUser,
    @Body('uploadId') uploadId: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const csv = await this.uploads.take(typeof uploadId === 'string' ? uploadId : '', user.id, COMPLETION_IMPORT);
    if (csv === null) {
      const expired = { field: '', message: 'The checked file has expired', code: 'import-expired' };
      this.renderImportErrors(user, response, [expired]);
      return;
    }
    try {
      const result = await this.importer.import(user, csv, false);
      response.redirect(303, `/staff?imported=${result.imported}`);
    } catch (error) {
      this.renderImportErrors(user, response, formErrorsFrom(error));
    }
  }

  private renderImportErrors(user: AuthUser, response: Response, errors: FieldError[]): void {
    response.status(400).render('pages/import', {
      title: 'import.title',
      user,
      limit: BODY_LIMIT_LABEL,
      ...formView(
        {},
        errors.map((problem) => ({ ...problem, field: 'file' })),
        response.locals.lang,
      ),
    });
  }

  private async renderCompletionForm(
    user: AuthUser,
    response: Response,
    form: ReturnType<typeof formView>,
  ): Promise<void> {
    const [staff, courses] = await Promise.all([this.pages.activeStaffOptions(user), this.pages.courseOptions(user)]);
    response.render('pages/completion-form', { title: 'completion.title', user, staff, courses, ...form });
  }

  private async renderSessionForm(
    user: AuthUser,
    response: Response,
    form: ReturnType<typeof formView>,
  ): Promise<void> {
    const [staff, courses] = await Promise.all([this.pages.activeStaffOptions(user), this.pages.courseOptions(user)]);
    response.render('pages/session-form', { title: 'session.title', user, staff, courses, ...form });
  }
}
