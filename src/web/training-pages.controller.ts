import { Body, Get, Header, Param, Post, Query, Redirect, Render, StreamableFile, UploadedFile } from '@nestjs/common';
import { ParseIdPipe } from '../common/validation/id';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { certificateKind } from '../completions/certificate-file';
import { CertificatesService } from '../completions/certificates.service';
import { CreateCompletionDto, RejectCompletionDto } from '../completions/completion.dto';
import { CompletionReviewService } from '../completions/completion-review.service';
import { CompletionsService } from '../completions/completions.service';
import { FieldError } from '../common/errors/field-errors';
import { Language } from '../common/language';
import { StaffService } from '../staff/staff.service';
import { formErrorsFrom, formView, optionalText, toInt, validateForm } from './forms';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { SchoolPagesService } from './school-pages.service';
import { PageController } from './page-controller.decorator';

const MY_TRAINING_VIEW = 'pages/my-training';
const TO_VERIFY_VIEW = 'pages/to-verify';

const CERTIFICATE_TYPE_ERROR: FieldError = {
  field: 'certificate',
  message: 'certificate: a certificate must be a PDF, PNG or JPEG file (checked from its contents)',
};

/**
 * What counts as training, in pages: a member records their own ("My training"),
 * the DSP verifies or rejects it ("To verify"), and both may open the certificate.
 */
@PageController()
export class TrainingPagesController {
  constructor(
    private readonly pages: SchoolPagesService,
    private readonly completions: CompletionsService,
    private readonly review: CompletionReviewService,
    private readonly certificates: CertificatesService,
    private readonly staff: StaffService,
  ) {}

  @Get('me/training')
  @Roles('staff')
  @Render(MY_TRAINING_VIEW)
  myTraining(@CurrentUser() user: AuthUser, @Query('saved') saved: string | undefined) {
    const form = formView({ courseId: '', completedOn: '', evidence: '', prior: false });
    return this.myTrainingPage(user, form, saved === '1');
  }

  /** The certificate is checked before anything is saved, so a bad file leaves no half-made report. */
  @Post('me/training')
  @Roles('staff')
  @Redirect('/me/training?saved=1', 303)
  async recordOwnTraining(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @UploadedFile() file: Express.Multer.File | undefined,
    @PageLanguage() language: Language,
  ): Promise<void> {
    const values = {
      staffId: user.staffId,
      courseId: toInt(body.courseId),
      completedOn: body.completedOn,
      evidence: optionalText(body.evidence),
      prior: body.prior === 'yes',
    };
    const certificate = file && file.size > 0 ? file : undefined;
    const form = await validateForm(CreateCompletionDto, values);
    let errors = form.errors ?? (certificate && !certificateKind(certificate.buffer) ? [CERTIFICATE_TYPE_ERROR] : null);
    if (!errors && form.dto) {
      errors = await this.completions.create(user, form.dto).then(async (created) => {
        if (certificate) await this.certificates.upload(user, created.id, certificate);
        return null;
      }, formErrorsFrom);
    }
    if (!errors) return;
    const shown = { ...body, prior: body.prior === 'yes' };
    throw new RefusedForm(MY_TRAINING_VIEW, await this.myTrainingPage(user, formView(shown, errors, language), false));
  }

  @Get('verify')
  @Roles('dsp')
  @Render(TO_VERIFY_VIEW)
  toVerify(@CurrentUser() user: AuthUser, @Query('done') done: string | undefined) {
    return this.toVerifyPage(user, { done: done === 'verified' || done === 'rejected' ? done : null });
  }

  @Post('verify/:id')
  @Roles('dsp')
  @Redirect('/verify?done=verified', 303)
  async verify(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('completion')) id: number): Promise<void> {
    await this.review.verify(user, id);
  }

  @Post('verify/:id/reject')
  @Roles('dsp')
  @Redirect('/verify?done=rejected', 303)
  async reject(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('completion')) id: number,
    @Body() body: Record<string, string>,
    @PageLanguage() language: Language,
  ): Promise<void> {
    const form = await validateForm(RejectCompletionDto, { reason: body.reason ?? '' });
    if (form.dto) {
      await this.review.reject(user, id, form.dto.reason);
      return;
    }
    // Each pending item has its own reason box: the summary links to this one.
    const view = formView({ reason: body.reason ?? '' }, form.errors, language);
    const errorList = view.errorList.map((error) => ({ ...error, field: `reason-${id}` }));
    const page = { done: null, failedId: id, reasonError: view.errors.reason, errorList };
    throw new RefusedForm(TO_VERIFY_VIEW, await this.toVerifyPage(user, page));
  }

  /** Governors never reach this: the route is for the school's DSP and the member themselves. */
  @Get('certificates/:id')
  @Roles('dsp', 'staff', 'admin')
  @Header('Cache-Control', 'no-store')
  async certificate(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('completion')) id: number,
  ): Promise<StreamableFile> {
    const certificate = await this.certificates.download(user, id);
    return new StreamableFile(certificate.data, {
      type: certificate.contentType,
      disposition: `attachment; filename="${certificate.fileName}"`,
      length: certificate.size,
    });
  }

  private async myTrainingPage(user: AuthUser, form: ReturnType<typeof formView>, saved: boolean) {
    const [courses, completions, welshTitles] = await Promise.all([
      this.pages.courseOptions(user),
      this.completions.list(user, { staffId: user.staffId ?? -1 }),
      this.pages.welshCourseTitles(user.schoolId!),
    ]);
    const shown = completions.map((completion) => ({
      ...completion,
      courseTitleCy: welshTitles.get(completion.courseId) ?? null,
    }));
    return {
      title: 'myTraining.title',
      user,
      courses,
      awaiting: shown.filter((completion) => completion.verification !== 'verified'),
      verified: shown.filter((completion) => completion.verification === 'verified'),
      saved,
      ...form,
    };
  }

  private async toVerifyPage(user: AuthUser, extra: Record<string, unknown>) {
    const [pending, staff, welshTitles] = await Promise.all([
      this.completions.list(user, { schoolId: user.schoolId!, verification: 'pending' }),
      this.staff.list(user, { schoolId: user.schoolId! }),
      this.pages.welshCourseTitles(user.schoolId!),
    ]);
    const names = new Map(staff.map((member) => [member.id, member.name]));
    return {
      title: 'verify.title',
      user,
      pending: pending.map((completion) => ({
        ...completion,
        staffName: names.get(completion.staffId) ?? '',
        courseTitleCy: welshTitles.get(completion.courseId) ?? null,
      })),
      ...extra,
    };
  }
}
