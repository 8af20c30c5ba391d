import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { certificateKind } from '../completions/certificate-file';
import { CertificatesService } from '../completions/certificates.service';
import { CreateCompletionDto, RejectCompletionDto } from '../completions/completion.dto';
import { CompletionReviewService } from '../completions/completion-review.service';
import { CompletionsService } from '../completions/completions.service';
import { FieldError } from '../common/errors/field-errors';
import { StaffService } from '../staff/staff.service';
import { formErrorsFrom, formView, optionalText, toInt, validateForm } from './forms';
import { SchoolPagesService } from './school-pages.service';

const CERTIFICATE_TYPE_ERROR: FieldError = {
  field: 'certificate',
  message: 'certificate: a certificate must be a PDF, PNG or JPEG file (checked from its contents)',
};

/**
 * What counts as training, in pages: a member records their own ("My training"),
 * the DSP verifies or rejects it ("To verify"), and both may open the certificate.
 */
@ApiExcludeController()
@Controller()
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
  async myTraining(
    @CurrentUser() user: AuthUser,
    @Query('saved') saved: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const form = formView({ courseId: '', completedOn: '', evidence: '', prior: false });
    await this.renderMyTraining(user, response, form, saved === '1');
  }

  /** The certificate is checked before anything is saved, so a bad file leaves no half-made report. */
  @Post('me/training')
  @Roles('staff')
  async recordOwnTraining(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Res() response: Response,
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
    if (!errors) {
      response.redirect(303, '/me/training?saved=1');
      return;
    }
    const shown = { ...body, prior: body.prior === 'yes' };
    await this.renderMyTraining(user, response.status(400), formView(shown, errors, response.locals.lang), false);
  }

  @Get('verify')
  @Roles('dsp')
  async toVerify(
    @CurrentUser() user: AuthUser,
    @Query('done') done: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    await this.renderToVerify(user, response, { done: done === 'verified' || done === 'rejected' ? done : null });
  }

  @Post('verify/:id')
  @Roles('dsp')
  async verify(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Res() response: Response,
  ): Promise<void> {
    await this.review.verify(user, id);
    response.redirect(303, '/verify?done=verified');
  }

  @Post('verify/:id/reject')
  @Roles('dsp')
  async reject(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: Record<string, string>,
    @Res() response: Response,
  ): Promise<void> {
    const form = await validateForm(RejectCompletionDto, { reason: body.reason ?? '' });
    if (form.dto) {
      await this.review.reject(user, id, form.dto.reason);
      response.redirect(303, '/verify?done=rejected');
      return;
    }
    // Each pending item has its own reason box: the summary links to this one.
    const view = formView({ reason: body.reason ?? '' }, form.errors, response.locals.lang);
    const errorList = view.errorList.map((error) => ({ ...error, field: `reason-${id}` }));
    await this.renderToVerify(user, response.status(400), {
      done: null,
      failedId: id,
      reasonError: view.errors.reason,
      errorList,
    });
  }

  /** Governors never reach this: the route is for the school's DSP and the member themselves. */
  @Get('certificates/:id')
  @Roles('dsp', 'staff', 'admin')
  async certificate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Res() response: Response,
  ): Promise<void> {
    const certificate = await this.certificates.download(user, id);
    response
      .status(200)
      .setHeader('Cache-Control', 'no-store')
      .setHeader('Content-Disposition', `attachment; filename="${certificate.fileName}"`)
      .type(certificate.contentType)
      .send(certificate.data);
  }

  private async renderMyTraining(
    user: AuthUser,
    response: Response,
    form: ReturnType<typeof formView>,
    saved: boolean,
  ): Promise<void> {
    const [courses, completions, welshTitles] = await Promise.all([
      this.pages.courseOptions(user),
      this.completions.list(user, { staffId: user.staffId ?? -1 }),
      this.pages.welshCourseTitles(user.schoolId!),
    ]);
    const shown = completions.map((completion) => ({
      ...completion,
      courseTitleCy: welshTitles.get(completion.courseId) ?? null,
    }));
    response.render('pages/my-training', {
      title: 'myTraining.title',
      user,
      courses,
      awaiting: shown.filter((completion) => completion.verification !== 'verified'),
      verified: shown.filter((completion) => completion.verification === 'verified'),
      saved,
      ...form,
    });
  }

  private async renderToVerify(user: AuthUser, response: Response, extra: Record<string, unknown>): Promise<void> {
    const [pending, staff, welshTitles] = await Promise.all([
      this.completions.list(user, { schoolId: user.schoolId!, verification: 'pending' }),
      this.staff.list(user, { schoolId: user.schoolId! }),
      this.pages.welshCourseTitles(user.schoolId!),
    ]);
    const names = new Map(staff.map((member) => [member.id, member.name]));
    response.render('pages/to-verify', {
      title: 'verify.title',
      user,
      pending: pending.map((completion) => ({
        ...completion,
        staffName: names.get(completion.staffId) ?? '',
        courseTitleCy: welshTitles.get(completion.courseId) ?? null,
      })),
      ...extra,
    });
  }
}
