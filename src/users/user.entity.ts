import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Language } from '../common/language';

export type Role = 'admin' | 'dsp' | 'governor' | 'staff';
export const ROLES: Role[] = ['admin', 'dsp', 'governor', 'staff'];

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'integer', nullable: true })
  schoolId: number | null;

  @Column({ type: 'integer', nullable: true })
  staffId: number | null;

  /** A disabled account cannot sign in, and its tokens and page sessions are refused. */
  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @Column({ type: 'varchar', length: 30, nullable: true })
  lastSignInAt: string | null;

  /** Carried in every token; raising it (disable, password reset) refuses all tokens issued before. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  /** Invited, and the owner has not yet chosen a password: the accounts page offers to send the invitation again. */
  @Column({ type: 'boolean', default: false })
  invitationPending: boolean;

  /** The language of this person's pages; null follows the browser. Staff use their staff record's. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  language: Language | null;
}
