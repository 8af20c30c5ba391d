import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('completion')
@Unique('UQ_completion_staff_course_day', ['staffId', 'courseId', 'completedOn'])
@Index('IDX_completion_staff', ['staffId', 'expiresOn'])
@Index('IDX_completion_course', ['courseId'])
@Index('IDX_completion_latest', ['staffId', 'courseId', 'completedOn', 'expiresOn'])
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
}
