import { ConflictException, ForbiddenException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, In, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { scopeFor } from '../auth/scope';
import { ChangeLogService } from '../change-log/change-log.service';
import { ClockService } from '../clock/clock.service';
import { addMonths } from '../common/day';
import { badRequest, fieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { Course } from '../courses/course.entity';
import { CoursesService } from '../courses/courses.service';
import { StaffMember } from '../staff/staff-member.entity';
import { StaffService } from '../staff/staff.service';
import { completionKey, completionProblems } from './completion-rules';
import {
  BulkCompletionDto,
  BulkResultDto,
  CompletionDto,
  CompletionQueryDto,
  CreateCompletionDto,
} from './completion.dto';
import { CertificateStore } from './certificate.store';
import { Completion, Verification } from './completion.entity';
import { chunksOf } from '../common/chunks';
import { insertRows } from '../database/insert-rows';

export interface NewCompletion {
  staff: StaffMember;
  course: Course;
  completedOn: string;
  evidence: string | null;
  /** Training from a previous employer (single records only). */
  prior?: boolean;
}

/** The items' staff and their earliest and latest day, for each course. */
function byCourse(
  items: Pick<NewCompletion, 'staff' | 'course' | 'completedOn'>[],
): Map<number, { staffIds: Set<number>; first: string; last: string }> {
  const courses = new Map<number, { staffIds: Set<number>; first: string; last: string }>();
  for (const { staff, course, completedOn } of items) {
    const found = courses.get(course.id);
    if (!found) courses.set(course.id, { staffIds: new Set([staff.id]), first: completedOn, last: completedOn });
    else {
      found.staffIds.add(staff.id);
      if (completedOn < found.first) found.first = completedOn;
      if (completedOn > found.last) found.last = completedOn;
    }
  }
  return courses;
}

@Injectable()
export class CompletionsService implements OnModuleInit {
  constructor(
    @InjectRepository(Completion) private readonly completions: Repository<Completion>,
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    private readonly staffService: StaffService,
    private readonly coursesService: CoursesService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
    private readonly clock: ClockService,
    private readonly certificates: CertificateStore,
  ) {}

  onModuleInit(): void {
    this.coursesService.onValidityChange((manager, course) => this.refreshExpiries(manager, course));
  }

  async list(user: AuthUser, query: CompletionQueryDto): Promise<CompletionDto[]> {
    const scope = await this.readableScope(user, query);
    const where = { ...scope, ...this.verificationFilter(user, query) };
    const rows = await this.completions.find({ where, order: { completedOn: 'DESC', id: 'DESC' } });
    return this.toDtos(rows);
  }

  /**
   * A DSP or admin records anyone's training in their scope, verified at once; a member
   * of staff records only their own, and it waits for the DSP as pending.
   */
  async create(user: AuthUser, dto: CreateCompletionDto): Promise<CompletionDto> {
    const staff = await this.staffService.findForBody(user, 'staffId', [dto.staffId], 'own-training');
    const course = await this.courseForBody(dto.courseId);
    const evidence = dto.evidence?.trim() ? dto.evidence.trim() : null;
    const [created] = await this.save(user, [
      { staff: staff[0], course, completedOn: dto.completedOn, evidence, prior: dto.prior ?? false },
    ]);
    return created;
  }

  async createSession(user: AuthUser, dto: BulkCompletionDto): Promise<BulkResultDto> {
    const staff = await this.staffService.findForBody(user, 'staffIds', dto.staffIds);
    const course = await this.courseForBody(dto.courseId);
    const completions = await this.save(
      user,
      staff.map((member) => ({ staff: member, course, completedOn: dto.completedOn, evidence: dto.evidence ?? null })),
    );
    return { created: completions.length, completions };
  }

  async remove(user: AuthUser, id: number): Promise<CompletionDto> {
    const completion = await this.completions.findOneBy({ id });
    if (!completion) throw new NotFoundException(`No completion with id ${id}`);
    const staff = await this.staffService.findEntity(completion.staffId);
    scopeFor(user, {
      kind: 'people',
      intent: 'write',
      schoolId: staff.schoolId,
      notFound: `No completion with id ${id}`,
    });
    const [dto] = await this.toDtos([completion]);
    await this.transactions.run(async (manager) => {
      await this.certificates.deleteFor(manager, id);
      await manager.delete(Completion, { id });
      await this.changeLog.record(manager, user, [
        { entity: 'completion', entityId: id, schoolId: staff.schoolId, action: 'delete', before: completion },
      ]);
    });
    return dto;
  }

  /** Checks every completion, then writes all or none of them with their change-log entries. */
  async save(user: AuthUser, items: NewCompletion[]): Promise<CompletionDto[]> {
    const today = this.clock.today();
    const problems = items.flatMap((item) =>
      completionProblems(item.staff, item.course, item.completedOn, today, {
        prior: item.prior ?? false,
        evidence: item.evidence,
      }),
    );
    const verification: Verification = user.role === 'staff' ? 'pending' : 'verified';
    if (problems.length > 0) throw badRequest(problems);
    const recordedAt = this.clock.now().toISOString();
    return this.transactions.run(async (manager) => {
      const existing = await this.existingKeys(manager, items);
      const duplicates = items.filter((item) =>
        existing.has(completionKey(item.staff.id, item.course.id, item.completedOn)),
      );
      if (duplicates.length > 0) {
        const which = duplicates.map((item) => `staff ${item.staff.id}: ${item.course.title} on ${item.completedOn}`);
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `Already recorded (${which.join('; ')})`,
          code: 'completion-already-recorded',
          params: { count: duplicates.length },
        });
      }
      const rows = items.map((item) =>
        manager.create(Completion, {
          staffId: item.staff.id,
          courseId: item.course.id,
          completedOn: item.completedOn,
          expiresOn: addMonths(item.completedOn, item.course.validityMonths),
          evidence: item.evidence,
          recordedById: user.id,
          recordedAt,
          verification,
          prior: item.prior ?? false,
          rejectionReason: null,
          verifiedById: verification === 'verified' ? user.id : null,
          verifiedAt: verification === 'verified' ? recordedAt : null,
        }),
      );
      await insertRows(manager, Completion, rows);
      const schoolOf = new Map(items.map((item) => [item.staff.id, item.staff.schoolId]));
      await this.changeLog.record(
        manager,
        user,
        rows.map((row) => ({
          entity: 'completion',
          entityId: row.id,
          schoolId: schoolOf.get(row.staffId)!,
          action: 'create',
          after: row,
        })),
      );
      const titles = new Map(items.map((item) => [item.course.id, item.course.title]));
      return rows.map((row) => this.toDto(row, titles.get(row.courseId)!, false));
    });
  }

  /** Keys of stored completions that the given items would repeat. */
  async existingKeys(
    manager: EntityManager,
    items: Pick<NewCompletion, 'staff' | 'course' | 'completedOn'>[],
  ): Promise<Set<string>> {
    const wanted = new Set(items.map((item) => completionKey(item.staff.id, item.course.id, item.completedOn)));
    const repeated = new Set<string>();
    // Course by course, only the items' staff and dates: the unique index answers each
    // question, and an import does not read every completion its staff ever had.
    for (const [courseId, { staffIds, first, last }] of byCourse(items)) {
      for (const chunk of chunksOf([...staffIds])) {
        const rows = await manager
          .createQueryBuilder()
          .select('c.staffId', 'staffId')
          .addSelect('c.completedOn', 'completedOn')
          .from(Completion, 'c')
          .where('c.staffId IN (:...chunk)', { chunk })
          .andWhere('c.courseId = :courseId', { courseId })
          .andWhere('c.completedOn BETWEEN :first AND :last', { first, last })
          .getRawMany<{ staffId: number; completedOn: string }>();
        for (const row of rows) {
          const key = completionKey(row.staffId, courseId, row.completedOn);
          if (wanted.has(key)) repeated.add(key);
        }
      }
    }
    return repeated;
  }

  /** Stored expiry dates follow the course's validity, so figures never use the old one. */
  private async refreshExpiries(manager: EntityManager, course: Course): Promise<void> {
    const completions = await manager.find(Completion, {
      where: { courseId: course.id },
      select: { id: true, completedOn: true },
    });
    const byExpiry = new Map<string, number[]>();
    for (const completion of completions) {
      const expiresOn = addMonths(completion.completedOn, course.validityMonths);
      byExpiry.set(expiresOn, [...(byExpiry.get(expiresOn) ?? []), completion.id]);
    }
    for (const [expiresOn, ids] of byExpiry) await manager.update(Completion, { id: In(ids) }, { expiresOn });
  }

  private async courseForBody(courseId: number): Promise<Course> {
    const course = await this.courses.findOneBy({ id: courseId });
    if (!course) throw fieldError('courseId', `courseId: no course with id ${courseId}`);
    return course;
  }

  private async readableScope(user: AuthUser, query: CompletionQueryDto): Promise<FindOptionsWhere<Completion>> {
    if (query.staffId !== undefined) {
      await this.staffService.findInScope(user, query.staffId, 'read');
      return { staffId: query.staffId };
    }
    const scope = await this.staffService.readScope(user, query.schoolId);
    if (scope.staffId !== undefined) return { staffId: scope.staffId };
    if (scope.schoolId === undefined) return {};
    return { staffId: In(await this.staffService.idsInSchool(scope.schoolId)) };
  }

  /**
   * Governors (where they may see names at all) see only training that counts: never a
   * pending or rejected self-report.
   */
  private verificationFilter(user: AuthUser, query: CompletionQueryDto): FindOptionsWhere<Completion> {
    if (user.role === 'governor') {
      if (query.verification !== undefined && query.verification !== 'verified')
        throw new ForbiddenException('Governors see only verified training');
      return { verification: 'verified' };
    }
    return query.verification === undefined ? {} : { verification: query.verification };
  }

  async toDtos(rows: Completion[]): Promise<CompletionDto[]> {
    const courseIds = [...new Set(rows.map((row) => row.courseId))];
    const courses = courseIds.length
      ? await this.courses.find({ where: { id: In(courseIds) }, select: { id: true, title: true } })
      : [];
    const titles = new Map(courses.map((course) => [course.id, course.title]));
    const withCertificate = await this.certificates.completionIdsWithCertificate(rows.map((row) => row.id));
    return rows.map((row) => this.toDto(row, titles.get(row.courseId) ?? '', withCertificate.has(row.id)));
  }

  private toDto(row: Completion, courseTitle: string, hasCertificate: boolean): CompletionDto {
    return {
      id: row.id,
      staffId: row.staffId,
      courseId: row.courseId,
      courseTitle,
      completedOn: row.completedOn,
      expiresOn: row.expiresOn,
      evidence: row.evidence,
      recordedById: row.recordedById,
      recordedAt: row.recordedAt,
      verification: row.verification,
      // SQLite hands booleans back as 0/1.
      prior: Boolean(row.prior),
      rejectionReason: row.rejectionReason,
      verifiedById: row.verifiedById,
      verifiedAt: row.verifiedAt,
      hasCertificate,
    };
  }
}
