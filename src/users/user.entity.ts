import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

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
}
