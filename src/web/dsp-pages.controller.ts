import { Body, Get, HttpCode, Post, Query, Redirect, Render, UploadedFile } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CompletionImportService, ImportPreview } from '../completions/completion-import.service';
import { BulkCompletionDto, CreateCompletionDto } from '../completions/completion.dto';
import { CompletionsService } from '../completions/completions.service';
import { BODY_LIMIT_LABEL } from '../common/body-limit';
import { decodeUtf8Csv } from '../common/csv';
import { FieldError } from '../common/errors/field-errors';
import { Language } from '../common/language';
import { STATUSES } from '../compliance/compliance.types';
import { PendingUploadsService } from '../pending-uploads/pending-uploads.service';
import { describeProblem, formErrorsFrom, formView, optionalText, toInt, validateForm } from './forms';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { SchoolPagesService } from './school-pages.service';
import { PageController } from './page-controller.decorator';

type Form = ReturnType<typeof formView>;

const COMPLETION_IMPORT = 'completion-import';
const COMPLETION_VIEW = 'pages/completion-form';
const SESSION_VIEW = 'pages/session-form';
const IMPORT_VIEW = 'pages/import';

/** The DSP's pages: the staff list, concerns and the three ways to record training. */
@Roles('dsp')
@PageController()
export class DspPagesController {
  constructor(
    private readonly pages: SchoolPagesService,
    private readonly completions: CompletionsService,
    private readonly importer: CompletionImportService,
    private readonly uploads: PendingUploadsService,
  ) {}

  @Get('staff')
  @Render('pages/staff-list')
  async staffList(
    @CurrentUser() user: AuthUser,
    @Query('status') status: string | undefined,
    @Query('imported') imported: string | undefined,
    @Query('recorded') recorded: string | undefined,
  ) {
    const summary = await this.pages.summary(user, user.schoolId!);
    const selected = STATUSES.find((known) => known === status) ?? '';
    const staff = selected ? summary.staff.filter((member) => member.status === selected) : summary.staff;
    return {
      title: 'staff.title',
      user,
      summary,
      staff,
      statuses: STATUSES,
      selected,
      imported: toInt(imported),
      recorded: toInt(recorded),
    };
  }

  @Get('concerns')
  @Render('pages/concerns')
  async concerns(@CurrentUser() user: AuthUser) {
    const summary = await this.pages.summary(user, user.schoolId!);
    return { title: 'concerns.title', user, summary, concerns: await this.pages.concernsView(user, summary) };
  }

  @Get('completions/new')
  @Render(COMPLETION_VIEW)
  completionForm(@CurrentUser() user: AuthUser, @Query('staffId') staffId: string | undefined) {
    return this.completionPage(user, formView({ staffId: staffId ?? '', courseId: '', completedOn: '', evidence: '' }));
  }

  @Post('completions/new')
  @Redirect(undefined, 303)
  async recordCompletion(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @PageLanguage() language: Language,
  ): Promise<{ url: string }> {
    const values = {
      staffId: toInt(body.staffId),
      courseId: toInt(body.courseId),
      completedOn: body.completedOn,
      evidence: optionalText(body.evidence),
    };
    const form = await validateForm(CreateCompletionDto, values);
    const errors = form.errors ?? (await this.completions.create(user, form.dto).then(() => null, formErrorsFrom));
    if (errors)
      throw new RefusedForm(COMPLETION_VIEW, await this.completionPage(user, formView(body, errors, language)));
    return { url: `/staff/${Number(values.staffId)}?saved=1` };
  }

  @Get('sessions/new')
  @Render(SESSION_VIEW)
  sessionForm(@CurrentUser() user: AuthUser) {
    return this.sessionPage(user, formView({ staffIds: [], courseId: '', completedOn: '', evidence: '' }));
  }

  @Post('sessions/new')
  @Redirect(undefined, 303)
  async recordSession(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string | string[]>,
    @PageLanguage() language: Language,
  ): Promise<{ url: string }> {
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
    if (errors)
      throw new RefusedForm(
        SESSION_VIEW,
        await this.sessionPage(user, formView({ ...body, staffIds }, errors, language)),
      );
    return { url: `/staff?recorded=${staffIds.length}` };
  }

  @Get('import')
  @Render(IMPORT_VIEW)
  importForm(@CurrentUser() user: AuthUser) {
    return this.importPage(user, {});
  }

  /**
   * Step one: check the whole file and show every row, or every bad row, saving
   * nothing. A good file waits on the server for the confirm; the page holds its id.
   */
  @Post('import')
  @HttpCode(200)
  @Render(IMPORT_VIEW)
  async previewImport(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: Express.Multer.File | undefined,
    @PageLanguage() language: Language,
  ) {
    let checked: { csv: string; preview: ImportPreview };
    try {
      const csv = decodeUtf8Csv(file?.buffer ?? Buffer.alloc(0));
      checked = { csv, preview: await this.importer.preview(user, csv) };
    } catch (error) {
      throw this.importRefused(user, formErrorsFrom(error), language);
    }
    const { csv, preview } = checked;
    const uploadId = preview.errors.length ? null : await this.uploads.save(user.id, COMPLETION_IMPORT, csv);
    const errors = preview.errors.map(({ line, problems }) => ({
      line,
      message: problems.map((found) => describeProblem(language, { field: '', ...found })).join(' '),
    }));
    const model = this.importPage(user, { preview: { ...preview, errors }, uploadId });
    if (errors.length) throw new RefusedForm(IMPORT_VIEW, model);
    return model;
  }

  /** Step two: the file that was checked, imported all or nothing. */
  @Post('import/confirm')
  @Redirect(undefined, 303)
  async confirmImport(
    @CurrentUser() user: AuthUser,
    @Body('uploadId') uploadId: unknown,
    @PageLanguage() language: Language,
  ): Promise<{ url: string }> {
    const csv = await this.uploads.take(typeof uploadId === 'string' ? uploadId : '', user.id, COMPLETION_IMPORT);
    if (csv === null) {
      const expired = { field: '', message: 'The checked file has expired', code: 'import-expired' };
      throw this.importRefused(user, [expired], language);
    }
    try {
      const result = await this.importer.import(user, csv, false);
      return { url: `/staff?imported=${result.imported}` };
    } catch (error) {
      throw this.importRefused(user, formErrorsFrom(error), language);
    }
  }

  /** The import page again with the file's refusals beside the file field. */
  private importRefused(user: AuthUser, errors: FieldError[], language: Language): RefusedForm {
    const problems = errors.map((problem) => ({ ...problem, field: 'file' }));
    return new RefusedForm(IMPORT_VIEW, this.importPage(user, {}, formView({}, problems, language)));
  }

  private importPage(user: AuthUser, view: Record<string, unknown>, form: Form = formView({})) {
    return { title: 'import.title', user, limit: BODY_LIMIT_LABEL, ...view, ...form };
  }

  private async completionPage(user: AuthUser, form: Form) {
    const [staff, courses] = await Promise.all([this.pages.activeStaffOptions(user), this.pages.courseOptions(user)]);
    return { title: 'completion.title', user, staff, courses, ...form };
  }

  private async sessionPage(user: AuthUser, form: Form) {
    const [staff, courses] = await Promise.all([this.pages.activeStaffOptions(user), this.pages.courseOptions(user)]);
    return { title: 'session.title', user, staff, courses, ...form };
  }
}
