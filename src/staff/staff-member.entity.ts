import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Language } from '../common/language';

export type SafeguardingRole = 'dsp' | 'deputy-dsp' | 'none';
export const SAFEGUARDING_ROLES: SafeguardingRole[] = ['dsp', 'deputy-dsp', 'none'];

@Entity('staff_member')
@Index('IDX_staff_school', ['schoolId'])
@Index('UQ_staff_school_mis', ['schoolId', 'misId'], { unique: true })
@Index('UQ_staff_school_email', ['schoolId', 'email'], { unique: true })
export class StaffMember {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  schoolId: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Stored lower-case; unique within the school (one person may work at two), so an import row names one member. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  jobTitle: string | null;

  @Column({ type: 'varchar', length: 10 })
  startDate: string;

  /** A leaver is kept, never deleted: this date takes them out of every figure. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  leftOn: string | null;

  @Column({ type: 'varchar', length: 20, default: 'none' })
  safeguardingRole: SafeguardingRole;

  @Column({ type: 'boolean', default: false })
  onlineSafetyGroup: boolean;

  /** On the senior leadership team: filtering and monitoring training applies. */
  @Column({ type: 'boolean', default: false })
  seniorLeader: boolean;

  /** Responsible for the school's filtering and monitoring. */
  @Column({ type: 'boolean', default: false })
  filteringLead: boolean;

  @Column({ type: 'varchar', length: 2, default: 'en' })
  language: Language;

  /** The school MIS's own id: an MIS import matches on it before the email. Unique within the school. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  misId: string | null;
}
