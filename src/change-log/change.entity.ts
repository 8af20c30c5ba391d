import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ChangeAction = 'create' | 'update' | 'delete';

@Entity('change_log')
@Index('IDX_change_school', ['schoolId', 'id'])
export class Change {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 30 })
  at: string;

  @Column({ type: 'integer', nullable: true })
  userId: number | null;

  @Column({ type: 'integer', nullable: true })
  schoolId: number | null;

  @Column({ type: 'varchar', length: 40 })
  entity: string;

  @Column({ type: 'integer' })
  entityId: number;

  @Column({ type: 'varchar', length: 10 })
  action: ChangeAction;

  @Column({ type: 'simple-json', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'simple-json', nullable: true })
  after: Record<string, unknown> | null;
}
