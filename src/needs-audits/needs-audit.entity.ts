import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Topic } from '../courses/course.entity';

export interface TrainingNeed {
  topic: Topic;
  note: string | null;
}

@Entity('needs_audit')
@Index('IDX_needs_audit_staff', ['staffId', 'auditedOn'])
export class NeedsAudit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  staffId: number;

  @Column({ type: 'varchar', length: 10 })
  auditedOn: string;

  @Column({ type: 'integer', nullable: true })
  auditedById: number | null;

  @Column({ type: 'simple-json' })
  needs: TrainingNeed[];

  @Column({ type: 'varchar', length: 30 })
  recordedAt: string;
}
