import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ConcernCode, StatusCounts } from './compliance.types';

export interface SnapshotRequirement {
  code: string;
  applies: number;
  counts: StatusCounts;
  percentCurrent: number | null;
}

/** A school's figures on one day, kept so governors can see the trend. */
@Entity('compliance_snapshot')
@Unique('UQ_snapshot_school_day', ['schoolId', 'takenOn'])
export class ComplianceSnapshot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  schoolId: number;

  @Column({ type: 'varchar', length: 10 })
  takenOn: string;

  @Column({ type: 'integer' })
  activeStaff: number;

  @Column({ type: 'double precision', nullable: true })
  percentCurrent: number | null;

  @Column({ type: 'simple-json' })
  counts: StatusCounts;

  @Column({ type: 'simple-json' })
  concernCodes: ConcernCode[];

  /** Each requirement's figures that day; null in snapshots taken before requirements existed. */
  @Column({ type: 'simple-json', nullable: true })
  requirements: SnapshotRequirement[] | null;
}
