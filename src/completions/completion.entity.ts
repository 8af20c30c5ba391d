import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const VERIFICATIONS = ['verified', 'pending', 'rejected'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

@Entity('completion')
@Unique('UQ_completion_staff_course_day', ['staffId', 'courseId', 'completedOn'])
@Index('IDX_completion_staff', ['staffId', 'expiresOn'])
@Index('IDX_completion_course', ['courseId'])
@Index('IDX_completion_verified_latest', ['staffId', 'courseId', 'prior', 'completedOn', 'expiresOn'], {
  where: `"verification" = 'verified'`,
})
@Index('IDX_completion_verification', ['verification', 'staffId'])
export class Completion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  staffId: number;

  @Column({ type: 'integer' })
  courseId: number;

  @Column({ type: 'varchar', length: 10 })
  completedOn: string;

  /** completedOn + the course's validity; kept in step when a course's validity changes. */
  @Column({ type: 'varchar', length: 10 })
  expiresOn: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  evidence: string | null;

  @Column({ type: 'integer', nullable: true })
  recordedById: number | null;

  @Column({ type: 'varchar', length: 30 })
  recordedAt: string;

  /** Only verified completions count; a member's own report waits as pending for the DSP. */
  @Column({ type: 'varchar', length: 10, default: 'verified' })
  verification: Verification;

  /** Training from a previous employer, dated before the start date: counts for currency, never for induction. */
  @Column({ type: 'boolean', default: false })
  prior: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectionReason: string | null;

  /** Who verified or rejected it, and when (null for records verified as they were made). */
  @Column({ type: 'integer', nullable: true })
  verifiedById: number | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  verifiedAt: string | null;
}
