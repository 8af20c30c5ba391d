import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Topic = 'safeguarding' | 'online-safety' | 'osh-response' | 'filtering-monitoring' | 'dsp-advanced';
export const TOPICS: Topic[] = [
  'safeguarding',
  'online-safety',
  'osh-response',
  'filtering-monitoring',
  'dsp-advanced',
];

@Entity('course')
export class Course {
  @PrimaryGeneratedColumn()
  id: number;

  /** Null for the shared catalogue; a school's id for its in-house course. */
  @Column({ type: 'integer', nullable: true })
  schoolId: number | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** The Welsh title, when the course has one; Welsh pages and emails show `title`, marked as English, otherwise. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  titleCy: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  provider: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  url: string | null;

  @Column({ type: 'simple-json' })
  topics: Topic[];

  @Column({ type: 'boolean', default: false })
  induction: boolean;

  @Column({ type: 'integer' })
  validityMonths: number;

  @Column({ type: 'varchar', length: 10 })
  contentReviewedOn: string;

  @Column({ type: 'boolean', default: false })
  retired: boolean;
}
