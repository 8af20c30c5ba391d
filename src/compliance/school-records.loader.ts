import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Day } from '../common/day';
import { School } from '../schools/school.entity';
import { ComplianceSettings, SchoolRecords } from './compliance.types';
import { SchoolRecordsAnswer, schoolRecordsFrom } from './school-records.assemble';
import { Dialect, Reach, schoolRecordsParams, schoolRecordsSql } from './school-records.sql';

/** Schools read by one statement when many are read: enough to amortise it, few enough to bound memory. */
export const SCHOOLS_PER_STATEMENT = 100;

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

/**
 * Loads what the rules need, set-based, for one school or for many in one statement
 * (see `schoolRecordsSql`).
 */
@Injectable()
export class SchoolRecordsLoader {
  private readonly dialect: Dialect;
  private readonly sql: Record<Reach, string>;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.sql = { one: schoolRecordsSql(this.dialect, 'one'), many: schoolRecordsSql(this.dialect, 'many') };
  }

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
    chunkSize = SCHOOLS_PER_STATEMENT,
  ): Promise<void> {
    for (let start = 0; start < schools.length; start += chunkSize) {
      const chunk = schools.slice(start, start + chunkSize);
      const records = await this.loadMany(chunk, today);
      for (const school of chunk) use(school, records.get(school.id)!);
    }
  }

  /** The given schools' records, from one statement however many schools. */
  async loadMany(schools: School[], today: Day): Promise<Map<number, SchoolRecords>> {
    return schoolRecordsFrom(
      schools.map((school) => ({ id: school.id, settings: settingsOf(school) })),
      await this.answerFor(schools, today),
    );
  }

  /** The statement's answer itself, for `schoolRecordsFrom` to turn into records (in a worker, for the roll-up). */
  async answerFor(schools: School[], today: Day): Promise<SchoolRecordsAnswer> {
    const reach: Reach = schools.length === 1 ? 'one' : 'many';
    const [answer] = await this.dataSource.query<SchoolRecordsAnswer[]>(
      this.sql[reach],
      schoolRecordsParams(
        this.dialect,
        reach,
        schools.map((school) => school.id),
        today,
      ),
    );
    return answer;
  }
}
