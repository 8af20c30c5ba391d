import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Day } from '../common/day';
import { Completion } from '../completions/completion.entity';
import { Course, Topic } from '../courses/course.entity';
import { NeedsAudit, TrainingNeed } from '../needs-audits/needs-audit.entity';
import { School } from '../schools/school.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { SchoolRecords } from './compliance.types';

const ACTIVE = 's.startDate <= :today AND (s.leftOn IS NULL OR s.leftOn > :today)';

/**
 * Loads what the rules need for one school: its staff and, through the school and
 * staff indexes, only the completions and audits of its active staff.
 */
@Injectable()
export class SchoolRecordsLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(school: School, today: Day): Promise<SchoolRecords> {
    const [staff, completions, audits] = await Promise.all([this.staff(school.id), this.completions(school.id, today), this.audits(school.id, today)]);
    return {
      settings: {
        annualRefreshMonths: school.annualRefreshMonths,
        inductionWindowDays: school.inductionWindowDays,
        dueSoonDays: school.dueSoonDays,
        coverageThresholdPercent: school.coverageThresholdPercent,
        trainingCoordinatorId: school.trainingCoordinatorId,
        filteringReviewedOn: school.filteringReviewedOn,
        reminderOffsetsDays: school.reminderOffsetsDays,
        coordinatorCopyAfterDays: school.coordinatorCopyAfterDays,
      },
      staff,
      completions,
      audits,
    };
  }

  private async staff(schoolId: number): Promise<SchoolRecords['staff']> {
    const rows = await this.dataSource.getRepository(StaffMember).find({
      where: { schoolId },
      select: { id: true, name: true, email: true, language: true, jobTitle: true, startDate: true, leftOn: true, safeguardingRole: true, onlineSafetyGroup: true },
    });
    return rows.map((row) => ({ ...row, onlineSafetyGroup: Boolean(row.onlineSafetyGroup) }));
  }

  private async completions(schoolId: number, today: Day): Promise<SchoolRecords['completions']> {
    const rows = await this.dataSource
      .createQueryBuilder(Completion, 'c')
      .innerJoin(StaffMember, 's', 's.id = c.staffId')
      .innerJoin(Course, 'course', 'course.id = c.courseId')
      .select('c.staffId', 'staffId')
      .addSelect('c.courseId', 'courseId')
      .addSelect('c.completedOn', 'completedOn')
      .addSelect('c.expiresOn', 'expiresOn')
      .addSelect('course.topics', 'topics')
      .addSelect('course.contentReviewedOn', 'courseContentReviewedOn')
      .where('s.schoolId = :schoolId', { schoolId })
      .andWhere(ACTIVE, { today })
      .getRawMany<{ staffId: number; courseId: number; completedOn: Day; expiresOn: Day; topics: string; courseContentReviewedOn: Day }>();
    return rows.map((row) => ({ ...row, staffId: Number(row.staffId), courseId: Number(row.courseId), topics: JSON.parse(row.topics) as Topic[] }));
  }

  private async audits(schoolId: number, today: Day): Promise<SchoolRecords['audits']> {
    const rows = await this.dataSource
      .createQueryBuilder(NeedsAudit, 'a')
      .innerJoin(StaffMember, 's', 's.id = a.staffId')
      .select('a.staffId', 'staffId')
      .addSelect('a.auditedOn', 'auditedOn')
      .addSelect('a.needs', 'needs')
      .where('s.schoolId = :schoolId', { schoolId })
      .andWhere(ACTIVE, { today })
      .getRawMany<{ staffId: number; auditedOn: Day; needs: string }>();
    return rows.map((row) => ({ staffId: Number(row.staffId), auditedOn: row.auditedOn, needs: JSON.parse(row.needs) as TrainingNeed[] }));
  }
}
