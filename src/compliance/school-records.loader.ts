import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { Day } from '../common/day';
import { Completion } from '../completions/completion.entity';
import { Course } from '../courses/course.entity';
import { NeedsAudit, TrainingNeed } from '../needs-audits/needs-audit.entity';
import { School } from '../schools/school.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { TrainingRequirement } from '../requirements/training-requirement.entity';
import {
  CompletionRecord,
  ComplianceSettings,
  RequirementRecord,
  SchoolRecords,
  StaffRecord,
} from './compliance.types';

type CourseFacts = Pick<CompletionRecord, 'topics' | 'courseContentReviewedOn' | 'validityMonths'>;

export function settingsOf(school: School): ComplianceSettings {
  return {
    annualRefreshMonths: school.annualRefreshMonths,
    inductionWindowDays: school.inductionWindowDays,
    dueSoonDays: school.dueSoonDays,
    coverageThresholdPercent: school.coverageThresholdPercent,
    trainingCoordinatorId: school.trainingCoordinatorId,
    filteringReviewedOn: school.filteringReviewedOn,
    reminderOffsetsDays: school.reminderOffsetsDays,
    coordinatorCopyAfterDays: school.coordinatorCopyAfterDays,
    expiryBasis: school.expiryBasis,
    academicYearGraceDays: school.academicYearGraceDays,
  };
}

export function toRecord(requirement: TrainingRequirement): RequirementRecord {
  return {
    code: requirement.code,
    titleEn: requirement.titleEn,
    titleCy: requirement.titleCy,
    audience: requirement.audience,
    topics: requirement.topics,
    refreshMonths: requirement.followsAnnualRefresh ? 'annual' : requirement.refreshMonths,
    induction: Boolean(requirement.induction),
  };
}

/**
 * Loads what the rules need, set-based, for one school or for every school in one
 * pass. Completions arrive already reduced by SQL to the latest of each course for
 * each active member: the same reduction as `latestCompletionPerCourse` (see there
 * why it loses nothing), done by the database so that only those rows travel.
 */
@Injectable()
export class SchoolRecordsLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(school: School, today: Day): Promise<SchoolRecords> {
    return (await this.loadMany([school], today)).get(school.id)!;
  }

  /**
   * Hands each chunk of schools' records to `use` in turn: memory stays bounded by
   * the chunk however many schools there are.
   */
  async forEachChunk(
    schools: School[],
    today: Day,
    use: (school: School, records: SchoolRecords) => void,
    chunkSize = 100,
  ): Promise<void> {
    for (let start = 0; start < schools.length; start += chunkSize) {
      const chunk = schools.slice(start, start + chunkSize);
      const records = await this.loadMany(chunk, today);
      for (const school of chunk) use(school, records.get(school.id)!);
    }
  }

  /** The given schools' records, with one query per table rather than per school. */
  async loadMany(schools: School[], today: Day): Promise<Map<number, SchoolRecords>> {
    const schoolIds = schools.map((school) => school.id);
    const [courses, staff, completions, audits, requirements] = await Promise.all([
      this.courses(schoolIds),
      this.staff(schoolIds),
      this.latestCompletions(today, schoolIds),
      this.audits(today, schoolIds),
      this.requirements(schoolIds),
    ]);
    const records = new Map<number, SchoolRecords>(
      schools.map((school) => [
        school.id,
        { settings: settingsOf(school), staff: [], completions: [], audits: [], requirements: [] },
      ]),
    );
    for (const requirement of requirements) records.get(requirement.schoolId)?.requirements.push(toRecord(requirement));
    const schoolOfStaff = new Map<number, number>();
    for (const member of staff) {
      schoolOfStaff.set(member.record.id, member.schoolId);
      records.get(member.schoolId)?.staff.push(member.record);
    }
    for (const row of completions) {
      const course = courses.get(row.courseId)!;
      // Filled in place: hundreds of thousands of rows are not copied again.
      const completion = row as CompletionRecord;
      completion.topics = course.topics;
      completion.courseContentReviewedOn = course.courseContentReviewedOn;
      completion.validityMonths = course.validityMonths;
      records.get(schoolOfStaff.get(row.staffId)!)?.completions.push(completion);
    }
    for (const row of audits) records.get(schoolOfStaff.get(row.staffId)!)?.audits.push(row);
    return records;
  }

  private async courses(schoolIds: number[]): Promise<Map<number, CourseFacts>> {
    const rows = await this.dataSource
      .createQueryBuilder(Course, 'course')
      .select(['course.id', 'course.topics', 'course.contentReviewedOn', 'course.validityMonths'])
      .where('course.schoolId IS NULL OR course.schoolId IN (:...schoolIds)', { schoolIds })
      .getMany();
    return new Map(
      rows.map((course) => [
        course.id,
        {
          topics: course.topics,
          courseContentReviewedOn: course.contentReviewedOn,
          validityMonths: course.validityMonths,
        },
      ]),
    );
  }

  private async staff(schoolIds: number[]): Promise<{ schoolId: number; record: StaffRecord }[]> {
    const rows = await this.dataSource
      .createQueryBuilder(StaffMember, 's')
      .select(
        [
          's.id',
          's.schoolId',
          's.name',
          's.email',
          's.language',
          's.jobTitle',
          's.startDate',
          's.leftOn',
          's.safeguardingRole',
          's.onlineSafetyGroup',
          's.seniorLeader',
          's.filteringLead',
        ].map((column) => `${column} AS "${column.slice(2)}"`),
      )
      .where('s.schoolId IN (:...schoolIds)', { schoolIds })
      .getRawMany<StaffRecord & { schoolId: number }>();
    return rows.map(({ schoolId, ...record }) => ({
      schoolId: Number(schoolId),
      record: {
        ...record,
        id: Number(record.id),
        onlineSafetyGroup: Boolean(record.onlineSafetyGroup),
        seniorLeader: Boolean(record.seniorLeader),
        filteringLead: Boolean(record.filteringLead),
      },
    }));
  }

  private async latestCompletions(today: Day, schoolIds: number[]) {
    const query = this.whereActiveStaff(this.dataSource.createQueryBuilder(Completion, 'c'), 'c', today, schoolIds)
      // Only verified training counts (pending and rejected self-reports never do). The
      // literal, not a parameter, lets both databases use the partial index on it.
      .andWhere(`c.verification = 'verified'`)
      .select('c.staffId', 'staffId')
      .addSelect('c.courseId', 'courseId')
      .addSelect('c.prior', 'prior')
      .addSelect('MAX(c.completedOn)', 'completedOn')
      .addSelect('MAX(c.expiresOn)', 'expiresOn')
      // As of the day asked for: history worked out for a past day must not see a later retake.
      .andWhere('c.completedOn <= :today')
      .groupBy('c.staffId')
      .addGroupBy('c.courseId')
      // Prior training is kept apart: it counts for currency but never for induction.
      .addGroupBy('c.prior');
    const rows = await query.getRawMany<{
      staffId: number;
      courseId: number;
      prior: boolean;
      completedOn: Day;
      expiresOn: Day;
    }>();
    // PostgreSQL may return integers as numbers or strings depending on the driver setup;
    // SQLite returns booleans as 0 or 1.
    for (const row of rows) {
      row.staffId = Number(row.staffId);
      row.courseId = Number(row.courseId);
      row.prior = Boolean(row.prior);
    }
    return rows;
  }

  /** In the order they were added, so every list of requirements reads the same. */
  private requirements(schoolIds: number[]): Promise<TrainingRequirement[]> {
    return this.dataSource
      .getRepository(TrainingRequirement)
      .find({ where: { schoolId: In(schoolIds) }, order: { schoolId: 'ASC', id: 'ASC' } });
  }

  private async audits(today: Day, schoolIds: number[]): Promise<SchoolRecords['audits']> {
    const rows = await this.whereActiveStaff(this.dataSource.createQueryBuilder(NeedsAudit, 'a'), 'a', today, schoolIds)
      .select('a.staffId', 'staffId')
      .addSelect('a.auditedOn', 'auditedOn')
      .addSelect('a.needs', 'needs')
      .andWhere('a.auditedOn <= :today')
      // In the order they were recorded: the rules take the later of two audits on one day.
      .orderBy('a.id', 'ASC')
      .getRawMany<{ staffId: number; auditedOn: Day; needs: string }>();
    return rows.map((row) => ({
      staffId: Number(row.staffId),
      auditedOn: row.auditedOn,
      needs: JSON.parse(row.needs) as TrainingNeed[],
    }));
  }

  /**
   * Only rows of the schools' staff who are active today. Written as `staffId IN
   * (subquery)` rather than a join, so rows come in index order and the grouping
   * needs no sort (about a third faster at national scale).
   */
  private whereActiveStaff<T extends object>(
    query: SelectQueryBuilder<T>,
    alias: string,
    today: Day,
    schoolIds: number[],
  ): SelectQueryBuilder<T> {
    const activeStaff = query
      .subQuery()
      .select('s.id')
      .from(StaffMember, 's')
      .where('s.schoolId IN (:...schoolIds)')
      .andWhere('s.startDate <= :today')
      .andWhere(new Brackets((leave) => leave.where('s.leftOn IS NULL').orWhere('s.leftOn > :today')))
      .getQuery();
    return query.where(`${alias}.staffId IN ${activeStaff}`).setParameters({ schoolIds, today });
  }
}
