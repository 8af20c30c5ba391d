import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { scopeFor } from '../auth/scope';
import { ChangeLogService } from '../change-log/change-log.service';
import { fieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { SchoolsService } from '../schools/schools.service';
import { CourseDto, CourseQueryDto, CreateCourseDto, UpdateCourseDto } from './course.dto';
import { Course } from './course.entity';
import { ClockService } from '../clock/clock.service';
import { assertDaysInRange } from '../common/validation/day-range';

/** Runs inside the transaction that changed the course's validity. */
export type ValidityChangeListener = (manager: EntityManager, course: Course) => Promise<void>;

@Injectable()
export class CoursesService {
  private readonly validityListeners: ValidityChangeListener[] = [];

  constructor(
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    private readonly schools: SchoolsService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
    private readonly clock: ClockService,
  ) {}

  async findEntity(id: number): Promise<Course> {
    const course = await this.courses.findOneBy({ id });
    if (!course) throw new NotFoundException(notFound(id));
    return course;
  }

  /** The shared catalogue plus the school's own courses. */
  findUsableBySchool(schoolId: number): Promise<Course[]> {
    return this.courses.find({ where: [{ schoolId: IsNull() }, { schoolId }], order: { title: 'ASC', id: 'ASC' } });
  }

  async list(user: AuthUser, query: CourseQueryDto): Promise<CourseDto[]> {
    const { schoolId } = scopeFor(user, {
      kind: 'courses',
      intent: 'read',
      schoolId: query.schoolId,
      notFound: `No school with id ${query.schoolId}`,
    });
    const courses =
      schoolId === undefined
        ? await this.courses.find({ order: { title: 'ASC', id: 'ASC' } })
        : await this.findUsableBySchool(schoolId);
    return courses.map((course) => this.toDto(course));
  }

  async get(user: AuthUser, id: number): Promise<CourseDto> {
    const course = await this.findEntity(id);
    scopeFor(user, { kind: 'courses', intent: 'read', schoolId: course.schoolId, notFound: notFound(id) });
    return this.toDto(course);
  }

  async create(user: AuthUser, dto: CreateCourseDto): Promise<CourseDto> {
    const schoolId = dto.schoolId ?? null;
    const noSchool = fieldError('schoolId', `schoolId: no school with id ${schoolId}`);
    scopeFor(user, { kind: 'courses', intent: 'write', schoolId, notFound: noSchool });
    this.assertReviewNotAhead(dto);
    if (schoolId !== null) {
      await this.schools.findEntity(schoolId).catch(() => {
        throw noSchool;
      });
    }
    return this.transactions.run(async (manager) => {
      const course = await manager.save(manager.create(Course, { ...dto, schoolId }));
      await this.changeLog.record(manager, user, [
        { entity: 'course', entityId: course.id, schoolId, action: 'create', after: course },
      ]);
      return this.toDto(course);
    });
  }

  async update(user: AuthUser, id: number, dto: UpdateCourseDto): Promise<CourseDto> {
    const course = await this.findEntity(id);
    scopeFor(user, { kind: 'courses', intent: 'write', schoolId: course.schoolId, notFound: notFound(id) });
    this.assertReviewNotAhead(dto);
    return this.transactions.run(async (manager) => {
      const before = { ...course };
      const saved = await manager.save(Object.assign(course, dto));
      if (dto.validityMonths !== undefined && dto.validityMonths !== before.validityMonths) {
        for (const listener of this.validityListeners) await listener(manager, saved);
      }
      await this.changeLog.record(manager, user, [
        { entity: 'course', entityId: id, schoolId: course.schoolId, action: 'update', before, after: saved },
      ]);
      return this.toDto(saved);
    });
  }

  /** A content review dated ahead would silence the outdated-materials concern until then. */
  private assertReviewNotAhead(dto: { contentReviewedOn?: string }): void {
    assertDaysInRange(this.clock.today(), [['contentReviewedOn', dto.contentReviewedOn, 'past']]);
  }

  toDto(course: Course): CourseDto {
    return {
      id: course.id,
      schoolId: course.schoolId,
      title: course.title,
      titleCy: course.titleCy,
      provider: course.provider,
      url: course.url,
      topics: [...course.topics],
      // SQLite hands booleans back as 0/1.
      induction: Boolean(course.induction),
      validityMonths: course.validityMonths,
      contentReviewedOn: course.contentReviewedOn,
      retired: Boolean(course.retired),
    };
  }

  /**
   * Records that depend on a course (completions' stored expiry dates) register here,
   * so they change in the same transaction without this module knowing them.
   */
  onValidityChange(listener: ValidityChangeListener): void {
    this.validityListeners.push(listener);
  }
}

function notFound(id: number): string {
  return `No course with id ${id}`;
}
