import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Audience } from '../compliance/compliance.types';
import { Topic } from '../courses/course.entity';

/** One row of a school's training matrix: who needs which training, and how often. */
@Entity('training_requirement')
@Unique('UQ_requirement_school_code', ['schoolId', 'code'])
export class TrainingRequirement {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  schoolId: number;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  titleEn: string;

  @Column({ type: 'varchar', length: 200 })
  titleCy: string;

  /** A named audience, or a list of staff roles. */
  @Column({ type: 'simple-json' })
  audience: Audience;

  @Column({ type: 'simple-json' })
  topics: Topic[];

  /** Null with followsAnnualRefresh (the school's setting) or for the course's own validity. */
  @Column({ type: 'integer', nullable: true })
  refreshMonths: number | null;

  /** Refresh after the school's annual refresh months, whatever they are set to later. */
  @Column({ type: 'boolean', default: false })
  followsAnnualRefresh: boolean;

  @Column({ type: 'boolean', default: false })
  induction: boolean;
}
