import { Body, Get, Post, Redirect, Render } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { FieldError } from '../common/errors/field-errors';
import { Language } from '../common/language';
import { CreateSchoolDto } from '../schools/school.dto';
import { SCHOOL_KINDS } from '../schools/school.entity';
import { InvitationNotSent, InvitationsService } from '../users/invitations.service';
import { InviteUserDto } from '../users/user.dto';
import { accountErrorsFrom, emailFieldErrors } from './accounts-view';
import { formView, validateForm } from './forms';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { PageController } from './page-controller.decorator';

const VIEW = 'pages/school-new';

/**
 * Admins: a new school with its first DSP, who is emailed a link to choose a password. Saved together or not at all.
 */
@Roles('admin')
@PageController('admin/schools')
export class SchoolSetupPagesController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('new')
  @Render(VIEW)
  form(@CurrentUser() user: AuthUser) {
    return this.page(user, formView({ kind: 'school' }));
  }

  @Post('new')
  @Redirect('/accounts?changed=school-added', 303)
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: Record<string, string>,
    @PageLanguage() language: Language,
  ): Promise<{ url: string } | undefined> {
    const errors = await this.createOrRefuse(user, body, language);
    // Saved, but the DSP's email did not go: the accounts page says so, and can send it again.
    if (errors === 'not-sent') return { url: '/accounts?changed=school-added-invite-not-sent' };
    if (errors) throw new RefusedForm(VIEW, this.page(user, formView(body, errors, language)));
    return undefined;
  }

  /** The DSP's invitation is in the language of the admin's page. */
  private async createOrRefuse(
    user: AuthUser,
    body: Record<string, string>,
    language: Language,
  ): Promise<FieldError[] | 'not-sent' | null> {
    const school = await validateForm(CreateSchoolDto, {
      name: typeof body.name === 'string' ? body.name.trim() : body.name,
      kind: body.kind,
    });
    const dsp = await validateForm(InviteUserDto, { email: body.dspEmail, role: 'dsp' });
    const errors = [...(school.errors ?? []), ...emailFieldErrors(dsp.errors ?? [], 'dspEmail')];
    if (!school.dto || !dsp.dto) return errors;
    return this.invitations.createSchoolWithDsp(user, school.dto, dsp.dto.email, language).then(
      () => null,
      (error: unknown) => (error instanceof InvitationNotSent ? 'not-sent' : accountErrorsFrom(error, 'dspEmail')),
    );
  }

  private page(user: AuthUser, form: ReturnType<typeof formView>) {
    return { title: 'schoolSetup.title', user, kinds: SCHOOL_KINDS, ...form };
  }
}
