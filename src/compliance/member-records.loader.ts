import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Day } from '../common/day';
import { Completion } from '../completions/completion.entity';
import { Course } from '../courses/course.entity';
import { School } from '../schools/school.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { TrainingRequirement } from '../requirements/training-requirement.entity';
import { CompletionRecord, MemberRecords, StaffRecord } from './compliance.types';
import { requirementRecord } from './school-records.assemble';
import { settingsOf } from './school-records.loader';

/**
 * Loads one member's records for their own record page, so that it need not load and
 * work out the whole school. Reads the rows SchoolRecordsLoader reads for that member,
 * reduced the same way, so the member's standing equals their line in the school's report.
 */
@Injectable()
export class MemberRecordsLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(school: School, staffId: number, today: Day): Promise<MemberRecords> {
    const [member, completions, requirements] = await Promise.all([
      this.member(school.id, staffId),
      this.latestCompletions(staffId, today),
      this.dataSource.getRepository(TrainingRequirement).find({ where: { schoolId: school.id }, order: { id: 'ASC' } }),
    ]);
    return { settings: settingsOf(school), member, completions, requirements: requirements.map(requirementRecord) };
  }

  private async member(schoolId: number, id: number): Promise<StaffRecord> {
    const row = await this.dataSource.getRepository(StaffMember).findOneBy({ id, schoolId });
    if (!row) throw new NotFoundException(`No staff member with id ${id}`);
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      language: row.language,
      jobTitle: row.jobTitle,
      startDate: row.startDate,
      leftOn: row.leftOn,
      safeguardingRole: row.safeguardingRole,
      // SQLite hands booleans back as 0/1.
      onlineSafetyGroup: Boolean(row.onlineSafetyGroup),
      seniorLeader: Boolean(row.seniorLeader),
      filteringLead: Boolean(row.filteringLead),
    };
  }

  /** The same grouping as the school's loader (see there), for one member's rows. */
  private async latestCompletions(staffId: number, today: Day): Promise<CompletionRecord[]> {
    const rows = await this.dataSource
      .createQueryBuilder(Completion, 'c')
      .select('c.courseId', 'courseId')
      .addSelect('c.prior', 'prior')
      .addSelect('MAX(c.completedOn)', 'completedOn')
      .addSelect('MAX(c.expiresOn)', 'expiresOn')
      .where('c.staffId = :staffId', { staffId })
      .andWhere(`c.verification = 'verified'`)
      .andWhere('c.completedOn <= :today', { today })
      .groupBy('c.courseId')
      .addGroupBy('c.prior')
      .getRawMany<{ courseId: number; prior: boolean; completedOn: Day; expiresOn: Day }>();
    const courseIds = [...new Set(rows.map((row) => Number(row.courseId)))];
    const courses = courseIds.length
      ? await this.dataSource.getRepository(Course).find({
          where: { id: In(courseIds) },
          select: { id: true, topics: true, contentReviewedOn: true, validityMonths: true },
        })
      : [];
    const byId = new Map(courses.map((course) => [course.id, course]));
    return rows.map((row) => {
      const course = byId.get(Number(row.courseId))!;
      return {
        staffId,
        courseId: Number(row.courseId),
        // SQLite returns booleans as 0 or 1.
        prior: Boolean(row.prior),
        completedOn: row.completedOn,
        expiresOn: row.expiresOn,
        topics: course.topics,
        courseContentReviewedOn: course.contentReviewedOn,
        validityMonths: course.validityMonths,
      };
    });
  }
}
