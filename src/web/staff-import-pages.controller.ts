import { Body, Get, HttpCode, Post, Query, Redirect, Render, UploadedFile } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { BODY_LIMIT_LABEL } from '../common/body-limit';
import { decodeUtf8Csv } from '../common/csv';
import { FieldError } from '../common/errors/field-errors';
import { Language } from '../common/language';
import { PendingUploadsService } from '../pending-uploads/pending-uploads.service';
import { StaffImportPlan } from '../staff/staff-import-plan';
import { StaffImportService } from '../staff/staff-import.service';
import { InvitationsService } from '../users/invitations.service';
import { formErrorsFrom, formView, toInt } from './forms';
import { PageLanguage } from './page-language.decorator';
import { RefusedForm } from './refused-form';
import { staffImportPreview } from './staff-import-preview';
import { PageController } from './page-controller.decorator';

const STAFF_IMPORT = 'staff-import';
const VIEW = 'pages/staff-import';

/** What waits on the server between the check and the confirm: the file and the choice made with it. */
interface PendingStaffImport {
  csv: string;
  markMissingAsLeavers: boolean;
  /** Invite each member the file creates to see their own record (older pending files lack it). */
  invite?: boolean;
}

/**
 * The staff list from the school MIS: upload the export, see what it would change
 * (and every bad row), then confirm. The checked file stays on the server until then.
 */
@Roles('dsp')
@PageController('staff/import')
export class StaffImportPagesController {
  constructor(
    private readonly importer: StaffImportService,
    private readonly uploads: PendingUploadsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @Render(VIEW)
  form(@CurrentUser() user: AuthUser, @Query() query: Record<string, string>) {
    const done =
      query.done === '1'
        ? {
            created: toInt(query.created),
            updated: toInt(query.updated),
            unchanged: toInt(query.unchanged),
            leavers: toInt(query.leavers),
            inviteTicked: query.invited !== undefined,
            invited: toInt(query.invited ?? '0'),
            inviteFailed: toInt(query.inviteFailed ?? '0'),
          }
        : null;
    return this.page(user, { done });
  }

  /** Step one: check the whole file, saving nothing; a good file waits for the confirm, a bad one is refused. */
  @Post()
  @HttpCode(200)
  @Render(VIEW)
  async check(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: Record<string, string>,
    @PageLanguage() language: Language,
  ) {
    const values = { markMissingAsLeavers: body.markMissingAsLeavers === 'on', invite: body.invite === 'on' };
    let checked: { csv: string; plan: StaffImportPlan };
    try {
      const csv = decodeUtf8Csv(file?.buffer ?? Buffer.alloc(0));
      checked = {
        csv,
        plan: await this.importer.check(user, { markMissingAsLeavers: values.markMissingAsLeavers }, csv),
      };
    } catch (error) {
      throw this.refused(user, formErrorsFrom(error), values, language);
    }
    const { csv, plan } = checked;
    const pending: PendingStaffImport = { csv, ...values };
    const uploadId = plan.errors.length
      ? null
      : await this.uploads.save(user.id, STAFF_IMPORT, JSON.stringify(pending));
    const model = this.page(user, { preview: staffImportPreview(plan, language), uploadId, values });
    if (plan.errors.length) throw new RefusedForm(VIEW, model);
    return model;
  }

  /** Step two: the file that was checked, saved all or nothing (checked again as it is saved). */
  @Post('confirm')
  @Redirect(undefined, 303)
  async confirm(
    @CurrentUser() user: AuthUser,
    @Body('uploadId') uploadId: unknown,
    @PageLanguage() language: Language,
  ): Promise<{ url: string }> {
    const stored = await this.uploads.take(typeof uploadId === 'string' ? uploadId : '', user.id, STAFF_IMPORT);
    if (stored === null) {
      const expired = {
        field: '',
        message: 'The checked file has expired or was already imported. Check the file again.',
      };
      throw this.refused(user, [expired], {}, language);
    }
    const pending = JSON.parse(stored) as PendingStaffImport;
    const values = { markMissingAsLeavers: pending.markMissingAsLeavers, invite: pending.invite === true };
    try {
      // The accounts are saved with the staff, all or nothing; their emails go once both are committed.
      const { result, also: invitations } = await this.importer.importWith(
        user,
        { markMissingAsLeavers: pending.markMissingAsLeavers },
        pending.csv,
        (manager, created) =>
          values.invite ? this.invitations.inviteStaffWithin(manager, user, created) : Promise.resolve(null),
      );
      const sending = invitations ? await this.invitations.sendAll(invitations) : null;
      const counts = `created=${result.created}&updated=${result.updated}&unchanged=${result.unchanged}`;
      const invited = sending ? `&invited=${sending.sent}&inviteFailed=${sending.failed}` : '';
      return { url: `/staff/import?done=1&${counts}&leavers=${result.leavers.length}${invited}` };
    } catch (error) {
      throw this.refused(user, formErrorsFrom(error), values, language);
    }
  }

  /** The page again with the file's refusals beside the file field, and the choices made with it. */
  private refused(user: AuthUser, errors: FieldError[], values: Record<string, unknown>, language: Language) {
    const problems = errors.map((problem) => ({ ...problem, field: 'staffFile' }));
    return new RefusedForm(VIEW, this.page(user, formView(values, problems, language)));
  }

  private page(user: AuthUser, view: Record<string, unknown>) {
    return { title: 'staff.import', user, limit: BODY_LIMIT_LABEL, ...formView({}), ...view };
  }
}
