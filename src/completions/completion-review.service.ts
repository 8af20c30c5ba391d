import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { scopeFor } from '../auth/scope';
import { ChangeLogService } from '../change-log/change-log.service';
import { ClockService } from '../clock/clock.service';
import { TransactionService } from '../common/transaction.service';
import { conflict, problem } from '../common/errors/field-errors';
import { AppConfig } from '../config/app.config';
import { Course } from '../courses/course.entity';
import { MailService } from '../mail/mail.service';
import { School } from '../schools/school.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { CompletionDto } from './completion.dto';
import { Completion } from './completion.entity';
import { CompletionsService } from './completions.service';

/** The DSP's side of self-reported training: verify it so it counts, or reject it with a reason. */
@Injectable()
export class CompletionReviewService {
  private readonly logger = new Logger(CompletionReviewService.name);
  private readonly appUrl: string;

  constructor(
    @InjectRepository(Completion) private readonly completions: Repository<Completion>,
    @InjectRepository(StaffMember) private readonly staff: Repository<StaffMember>,
    @InjectRepository(School) private readonly schools: Repository<School>,
    private readonly completionsService: CompletionsService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
    private readonly clock: ClockService,
    private readonly mail: MailService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.appUrl = config.get('appUrl', { infer: true });
  }

  /** A completion and its member, or 404 when unknown or outside the caller's scope. */
  async findInScope(user: AuthUser, id: number): Promise<{ completion: Completion; staff: StaffMember }> {
    const completion = await this.completions.findOneBy({ id });
    const staff = completion ? await this.staff.findOneBy({ id: completion.staffId }) : null;
    if (!completion || !staff) throw new NotFoundException(`No completion with id ${id}`);
    scopeFor(user, {
      kind: 'own-training',
      intent: 'read',
      schoolId: staff.schoolId,
      staffId: staff.id,
      notFound: `No completion with id ${id}`,
    });
    return { completion, staff };
  }

  /** How many of the school's self-reports wait for the DSP (the figure beside "To verify"). */
  pendingCount(schoolId: number): Promise<number> {
    return this.completions
      .createQueryBuilder('c')
      .innerJoin(StaffMember, 's', 's.id = c.staffId')
      .where(`c.verification = 'pending'`)
      .andWhere('s.schoolId = :schoolId', { schoolId })
      .getCount();
  }

  async verify(user: AuthUser, id: number): Promise<CompletionDto> {
    const { completion, staff } = await this.decidable(user, id);
    return this.decide(user, completion, staff, { verification: 'verified', rejectionReason: null });
  }

  /** Rejected training never counts; the member is told why by email, in their language. */
  async reject(user: AuthUser, id: number, reason: string): Promise<CompletionDto> {
    const { completion, staff } = await this.decidable(user, id);
    const dto = await this.decide(user, completion, staff, { verification: 'rejected', rejectionReason: reason });
    await this.emailRejection(staff, dto, reason);
    return dto;
  }

  private async decidable(user: AuthUser, id: number): Promise<{ completion: Completion; staff: StaffMember }> {
    const found = await this.findInScope(user, id);
    const { verification } = found.completion;
    // Codes completion-already-verified and completion-already-rejected.
    if (verification !== 'pending')
      throw conflict(
        problem('', `completion-already-${verification}`, {}, `Completion ${id} is already ${verification}`),
      );
    return found;
  }

  private async decide(
    user: AuthUser,
    completion: Completion,
    staff: StaffMember,
    change: Pick<Completion, 'verification' | 'rejectionReason'>,
  ): Promise<CompletionDto> {
    const after: Completion = {
      ...completion,
      ...change,
      verifiedById: user.id,
      verifiedAt: this.clock.now().toISOString(),
    };
    await this.transactions.run(async (manager) => {
      // Only a row still pending is decided: two DSPs deciding at once cannot both win.
      const result = await manager.update(
        Completion,
        { id: completion.id, verification: 'pending' },
        {
          verification: after.verification,
          rejectionReason: after.rejectionReason,
          verifiedById: user.id,
          verifiedAt: after.verifiedAt,
        },
      );
      if (!result.affected)
        throw conflict(
          problem('', 'completion-decided-meanwhile', {}, `Completion ${completion.id} was decided by someone else`),
        );
      await this.changeLog.record(manager, user, [
        {
          entity: 'completion',
          entityId: completion.id,
          schoolId: staff.schoolId,
          action: 'update',
          before: completion,
          after,
        },
      ]);
    });
    const [dto] = await this.completionsService.toDtos([after]);
    return dto;
  }

  /**
   * Sent after the rejection is saved: the decision stands even if the mail server is
   * down (the member also sees the reason on their page), and the failure is logged.
   */
  private async emailRejection(staff: StaffMember, completion: CompletionDto, reason: string): Promise<void> {
    const school = await this.schools.findOneByOrFail({ id: staff.schoolId });
    // The course's Welsh title, when it has one, for a member who reads Welsh.
    const course = await this.completions.manager.findOneBy(Course, { id: completion.courseId });
    try {
      await this.mail.send({
        to: staff.email,
        language: staff.language,
        template: 'completion-rejected',
        context: {
          name: staff.name,
          schoolName: school.name,
          courseTitle: completion.courseTitle,
          courseTitleCy: course?.titleCy ?? null,
          completedOn: completion.completedOn,
          reason,
          link: `${this.appUrl}/me`,
        },
      });
    } catch (error) {
      this.logger.warn(`Rejection email for completion ${completion.id} not sent: ${(error as Error).message}`);
    }
  }
}
