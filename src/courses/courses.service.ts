import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { assertCanManageSchool, belongsToSchool } from '../auth/access';
import { AuthUser } from '../auth/auth-user';
import { ChangeLogService } from '../change-log/change-log.service';
import { addMonths } from '../common/day';
import { fieldError } from '../common/errors/field-errors';
import { TransactionService } from '../common/transaction.service';
import { Completion } from '../completions/completion.entity';
import { SchoolsService } from '../schools/schools.service';
import { CourseDto, CourseQueryDto, CreateCourseDto, UpdateCourseDto } from './course.dto';
import { Course } from './course.entity';

@Injectable()
export class CoursesService {
  constructor(
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    private readonly schools: SchoolsService,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
  ) {}

  async findEntity(id: number): Promise<Course> {
    const course = await this.courses.findOneBy({ id });
    if (!course) throw new NotFoundException(`No course with id ${id}`);
    return course;
  }

  /** The shared catalogue plus the school's own courses. */
  findUsableBySchool(schoolId: number): Promise<Course[]> {
    return this.courses.find({ where: [{ schoolId: IsNull() }, { schoolId }], order: { title: 'ASC', id: 'ASC' } });
  }

  async list(user: AuthUser, query: CourseQueryDto): Promise<CourseDto[]> {
    const schoolId = user.role === 'admin' ? query.schoolId : user.schoolId;
    if (query.schoolId !== undefined && !belongsToSchool(user, query.schoolId))
      throw new ForbiddenException('This school is outside your access');
    const courses =
      schoolId == null
        ? await this.courses.find({ order: { title: 'ASC', id: 'ASC' } })
        : await this.findUsableBySchool(schoolId);
    return courses.map((course) => this.toDto(course));
  }

  async get(user: AuthUser, id: number): Promise<CourseDto> {
    const course = await this.findEntity(id);
    if (course.schoolId !== null && !belongsToSchool(user, course.schoolId))
      throw new ForbiddenException('This course belongs to another school');
    return this.toDto(course);
  }

  async create(user: AuthUser, dto: CreateCourseDto): Promise<CourseDto> {
    const schoolId = dto.schoolId ?? null;
    assertCanManageSchool(user, schoolId);
    if (schoolId !== null) {
      await this.schools.findEntity(schoolId).catch(() => {
        throw fieldError('schoolId', `schoolId: no school with id ${schoolId}`);
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
    assertCanManageSchool(user, course.schoolId);
    return this.transactions.run(async (manager) => {
      const before = { ...course };
      const saved = await manager.save(Object.assign(course, dto));
      if (dto.validityMonths !== undefined && dto.validityMonths !== before.validityMonths) {
        await this.refreshExpiries(manager, saved);
      }
      await this.changeLog.record(manager, user, [
        { entity: 'course', entityId: id, schoolId: course.schoolId, action: 'update', before, after: saved },
      ]);
      return this.toDto(saved);
    });
  }

  toDto(course: Course): CourseDto {
    return { ...course, induction: Boolean(course.induction), retired: Boolean(course.retired) };
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
}
