import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ExpiryBasis } from '../compliance/compliance.types';

export type SchoolKind = 'school' | 'college';
export const SCHOOL_KINDS: SchoolKind[] = ['school', 'college'];

export const DEFAULT_SETTINGS = {
  annualRefreshMonths: 12,
  inductionWindowDays: 30,
  dueSoonDays: 30,
  coverageThresholdPercent: 90,
  reminderOffsetsDays: [30, 7, 0],
  coordinatorCopyAfterDays: 28,
  academicYearGraceDays: 30,
} as const;

@Entity('school')
export class School {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20, default: 'school' })
  kind: SchoolKind;

  @Column({ type: 'integer', default: DEFAULT_SETTINGS.annualRefreshMonths })
  annualRefreshMonths: number;

  @Column({ type: 'integer', default: DEFAULT_SETTINGS.inductionWindowDays })
  inductionWindowDays: number;

  @Column({ type: 'integer', default: DEFAULT_SETTINGS.dueSoonDays })
  dueSoonDays: number;

  @Column({ type: 'integer', default: DEFAULT_SETTINGS.coverageThresholdPercent })
  coverageThresholdPercent: number;

  /** Days before expiry (0 = the day itself); after expiry reminders repeat every 7 days. */
  @Column({ type: 'simple-json' })
  reminderOffsetsDays: number[];

  /** Overdue reminders copy the training coordinator from this many days overdue. */
  @Column({ type: 'integer', default: DEFAULT_SETTINGS.coordinatorCopyAfterDays })
  coordinatorCopyAfterDays: number;

  @Column({ type: 'integer', nullable: true })
  trainingCoordinatorId: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  filteringReviewedOn: string | null;

  @Column({ type: 'boolean', default: false })
  governorsSeeNames: boolean;

  /** `rolling` (completion + months) or `academic-year` (to the end of an academic year, plus grace days). */
  @Column({ type: 'varchar', length: 20, default: 'rolling' })
  expiryBasis: ExpiryBasis;

  /** Days after 31 August that academic-year training still counts, so a September training day is in time. */
  @Column({ type: 'integer', default: DEFAULT_SETTINGS.academicYearGraceDays })
  academicYearGraceDays: number;
}
