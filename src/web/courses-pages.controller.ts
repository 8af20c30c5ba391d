import { Body, ForbiddenException, Get, Param, Post, Query, Redirect, Render } from '@nestjs/common';
import { ParseIdPipe } from '../common/validation/id';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ClockService } from '../clock/clock.service';
import { Language } from '../common/language';
import { CourseDto, CreateCourseDto, UpdateCourseDto } from '../courses/course.dto';
import { TOPICS } from '../courses/course.entity';
import { CoursesService } from '../courses/courses.service';
import { formErrorsFrom, formView, optionalText, tickBox, toInt, validateForm } from './forms';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { SchoolPagesService } from './school-pages.service';
import { PageController } from './page-controller.decorator';

const FORM_VIEW = 'pages/course-form';
const NOTICES: Record<string, string> = { added: 'courses.added', updated: 'courses.updated' };

/** The course form's fields as the API's DTO expects them; an emptied optional field is cleared on an edit. */
function courseFormValues(body: Record<string, string | string[]>, editing: boolean): Record<string, unknown> {
  const optional = (value: unknown) => optionalText(value) ?? (editing ? null : undefined);
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
  return {
    title: text(body.title),
    provider: optional(body.provider),
    url: optional(body.url),
    topics: ([] as string[]).concat(body.topics ?? []),
    induction: tickBox(body.induction),
    validityMonths: toInt(body.validityMonths),
    contentReviewedOn: text(body.contentReviewedOn),
    ...(editing ? { retired: tickBox(body.retired) } : {}),
  };
}

/**
 * Courses: the DSP adds, edits and retires the school's in-house courses; admins
 * do the same for the shared catalogue. Content reviewed over 12 months ago shows "review due".
 */
@Roles('dsp', 'admin')
@PageController('courses')
export class CoursesPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly pages: SchoolPagesService,
    private readonly clock: ClockService,
  ) {}

  @Get()
  @Render('pages/courses')
  async list(@CurrentUser() user: AuthUser, @Query('changed') changed: string | undefined) {
    const courses = (await this.pages.courseOptions(user, true)).map((course) => ({
      ...course,
      canEdit: this.canEdit(user, course),
    }));
    return { title: 'courses.title', user, courses, notice: NOTICES[changed ?? ''] ?? null };
  }

  @Get('new')
  @Render(FORM_VIEW)
  addForm(@CurrentUser() user: AuthUser) {
    const values = { topics: [], validityMonths: 12, contentReviewedOn: this.clock.today() };
    return this.formPage(user, null, formView(values));
  }

  @Post('new')
  @Redirect('/courses?changed=added', 303)
  async add(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string | string[]>,
    @PageLanguage() language: Language,
  ): Promise<void> {
    // A DSP adds their school's own course; an admin adds to the shared catalogue.
    const schoolId = user.role === 'admin' ? undefined : user.schoolId;
    const values = { ...courseFormValues(body, false), schoolId };
    const form = await validateForm(CreateCourseDto, values);
    const errors = form.errors ?? (await this.courses.create(user, form.dto).then(() => null, formErrorsFrom));
    if (errors) throw new RefusedForm(FORM_VIEW, this.formPage(user, null, formView(values, errors, language)));
  }

  @Get(':id/edit')
  @Render(FORM_VIEW)
  async editForm(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('course')) id: number) {
    const course = await this.editable(user, id);
    return this.formPage(user, course, formView({ ...course, provider: course.provider ?? '', url: course.url ?? '' }));
  }

  @Post(':id/edit')
  @Redirect('/courses?changed=updated', 303)
  async edit(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('course')) id: number,
    @Body() body: Record<string, string | string[]>,
    @PageLanguage() language: Language,
  ): Promise<void> {
    const course = await this.editable(user, id);
    const values = courseFormValues(body, true);
    const form = await validateForm(UpdateCourseDto, values);
    const errors = form.errors ?? (await this.courses.update(user, id, form.dto).then(() => null, formErrorsFrom));
    if (errors) throw new RefusedForm(FORM_VIEW, this.formPage(user, course, formView(values, errors, language)));
  }

  private canEdit(user: AuthUser, course: CourseDto): boolean {
    return user.role === 'admin' || (course.schoolId !== null && course.schoolId === user.schoolId);
  }

  /** A course the caller may change: the shared catalogue is read-only to a DSP. */
  private async editable(user: AuthUser, id: number): Promise<CourseDto> {
    const course = await this.courses.get(user, id);
    if (!this.canEdit(user, course)) throw new ForbiddenException('Only admins change the shared catalogue');
    return course;
  }

  /** The course form's page model, for a new course (`course` null) or an edit. */
  private formPage(user: AuthUser, course: CourseDto | null, form: ReturnType<typeof formView>) {
    return {
      title: course ? 'courses.edit' : 'courses.add',
      user,
      course,
      reviewDue: course !== null && course.contentReviewedOn < this.pages.reviewDueBefore(),
      shared: user.role === 'admin',
      topics: TOPICS,
      ...form,
    };
  }
}
