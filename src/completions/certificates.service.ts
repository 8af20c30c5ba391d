import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { ChangeLogService } from '../change-log/change-log.service';
import { ClockService } from '../clock/clock.service';
import { fieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { certificateKind } from './certificate-file';
import { CertificateStore, StoredCertificate } from './certificate.store';
import { CompletionDto } from './completion.dto';
import { Completion } from './completion.entity';
import { CompletionReviewService } from './completion-review.service';
import { CompletionsService } from './completions.service';

/** Certificate files: the member attaches one to their own report, the DSP may too; governors never see them. */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly review: CompletionReviewService,
    private readonly store: CertificateStore,
    private readonly completionsService: CompletionsService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
    private readonly clock: ClockService,
  ) {}

  /**
   * Keeps the file when its bytes are a PDF, PNG or JPEG (the name and the declared type
   * prove nothing). A member may change the certificate only while the DSP has not
   * accepted it; a new one on a rejected report sends it back to the DSP as pending.
   */
  async upload(user: AuthUser, id: number, file: Express.Multer.File | undefined): Promise<CompletionDto> {
    const { completion, staff } = await this.review.findInScope(user, id);
    if (!file || file.size === 0) throw fieldError('file', 'file: choose a certificate file (PDF, PNG or JPEG)');
    const kind = certificateKind(file.buffer);
    if (!kind)
      throw fieldError('file', 'file: a certificate must be a PDF, PNG or JPEG file (checked from its contents)');
    if (user.role === 'staff' && completion.verification === 'verified')
      throw new ForbiddenException('This training is already verified; ask your DSP to change its certificate');
    const resubmitted = user.role === 'staff' && completion.verification === 'rejected';
    const after: Completion = resubmitted
      ? { ...completion, verification: 'pending', rejectionReason: null }
      : completion;
    const now = this.clock.now().toISOString();
    await this.transactions.run(async (manager) => {
      await this.store.save(manager, id, kind, file.buffer, user.id, now);
      if (resubmitted)
        await manager.update(
          Completion,
          { id },
          { verification: 'pending', rejectionReason: null, verifiedById: null, verifiedAt: null },
        );
      await this.changeLog.record(manager, user, [
        {
          entity: 'completion-certificate',
          entityId: id,
          schoolId: staff.schoolId,
          action: 'update',
          before: resubmitted ? completion : null,
          after: { completionId: id, contentType: kind.contentType, size: file.size, verification: after.verification },
        },
      ]);
    });
    const [dto] = await this.completionsService.toDtos([
      resubmitted ? { ...after, verifiedById: null, verifiedAt: null } : completion,
    ]);
    return dto;
  }

  async download(user: AuthUser, id: number): Promise<StoredCertificate> {
    await this.review.findInScope(user, id);
    const certificate = await this.store.find(id);
    if (!certificate) throw new NotFoundException(`Completion ${id} has no certificate`);
    return certificate;
  }
}
