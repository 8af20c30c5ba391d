import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AccountTokenPurpose = 'invite' | 'reset';

/** A single-use link sent by email (invitation or password reset): only its SHA-256 is stored. */
@Entity('account_token')
export class AccountToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 10 })
  purpose: AccountTokenPurpose;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'varchar', length: 30 })
  expiresAt: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;
}
