import { Body, Controller, Get, Post, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { BODY_LIMIT_LABEL } from '../common/body-limit';
import { decodeUtf8Csv } from '../common/csv';
import { FieldError } from '../common/errors/field-errors';
import { PendingUploadsService } from '../pending-uploads/pending-uploads.service';
import { StaffImportService } from '../staff/staff-import.service';
import { InvitationsService } from '../users/invitations.service';
import { formErrorsFrom, formView, toInt } from './forms';
import { staffImportPreview } from './staff-import-preview';

const STAFF_IMPORT = 'staff-import';

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
@ApiExcludeController()
@Roles('dsp')
@Controller('staff/import')
export class StaffImportPagesController {
  constructor(
    private readonly importer: StaffImportService,
    private readonly uploads: PendingUploadsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  form(@CurrentUser() user: AuthUser, @Query() query: Record<string, string>, @Res() response: Response): void {
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
    this.render(user, response, { done });
  }

  /** Step one: check the whole file, saving nothing; a good file waits for the confirm. */
  @Post()
  async check(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: Record<string, string>,
    @Res() response: Response,
  ): Promise<void> {
    const markMissingAsLeavers = body.markMissingAsLeavers === 'on';
    const invite = body.invite === 'on';
    try {
      const csv = decodeUtf8Csv(file?.buffer ?? Buffer.alloc(0));
      const plan = await this.importer.check(user, { markMissingAsLeavers }, csv);
      const pending: PendingStaffImport = { csv, markMissingAsLeavers, invite };
      const uploadId = plan.errors.length
        ? null
        : await this.uploads.save(user.id, STAFF_IMPORT, JSON.stringify(pending));
      response.status(plan.errors.length ? 400 : 200);
      this.render(user, response, {
        preview: staffImportPreview(plan, response.locals.lang),
        uploadId,
        values: { markMissingAsLeavers, invite },
      });
    } catch (error) {
      this.renderErrors(user, response, formErrorsFrom(error), { markMissingAsLeavers, invite });
    }
  }

  /** Step two: the file that was checked, saved all or nothing (checked again as it is saved). */
  @Post('confirm')
  async confirm(
    @CurrentUser() user: AuthUser,
    @Body('uploadId') uploadId: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const stored = await this.uploads.take(typeof uploadId === 'string' ? uploadId : '', user.id, STAFF_IMPORT);
    if (stored === null) {
      this.renderErrors(user, response, [
        { field: '', message: 'The checked file has expired or was already imported. Check the file again.' },
      ]);
      return;
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
      response.redirect(303, `/staff/import?done=1&${counts}&leavers=${result.leavers.length}${invited}`);
    } catch (error) {
      this.renderErrors(user, response, formErrorsFrom(error), values);
    }
  }

  private renderErrors(
    user: AuthUser,
    response: Response,
    errors: FieldError[],
    values: Record<string, unknown> = {},
  ): void {
    const form = formView(
      values,
      errors.map((problem) => ({ ...problem, field: 'staffFile' })),
      response.locals.lang,
    );
    this.render(user, response.status(400), form);
  }

  private render(user: AuthUser, response: Response, view: Record<string, unknown>): void {
    response.render('pages/staff-import', {
      title: 'staff.import',
      user,
      limit: BODY_LIMIT_LABEL,
      ...formView({}),
      ...view,
    });
  }
}
