import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('reminder_run')
export class ReminderRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 30 })
  startedAt: string;

  @Column({ type: 'varchar', length: 30 })
  finishedAt: string;

  @Column({ type: 'integer' })
  sent: number;

  @Column({ type: 'integer' })
  skipped: number;

  @Column({ type: 'integer' })
  failed: number;
}
