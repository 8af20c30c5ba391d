import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A token signed out before it expired: refused until then. */
@Entity('revoked_token')
export class RevokedToken {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  jti: string;

  @Column({ type: 'varchar', length: 30 })
  expiresAt: string;
}
