import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A file a page has checked and shown as a preview, kept until the user confirms it.
 * Kept in the database, not in memory, so the confirm may reach another instance.
 */
@Entity('pending_upload')
@Index('IDX_pending_upload_expiresAt', ['expiresAt'])
export class PendingUpload {
  /** Random and unguessable; only its owner may take it anyway. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'integer' })
  userId: number;

  /** What the file is for (e.g. `completion-import`), so one page cannot confirm another's file. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 30 })
  expiresAt: string;
}
