import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type ReminderTraining = string;
export type ReminderStatus = 'sending' | 'sent' | 'failed';

/**
 * One reminder, recorded under its unique key before it is sent: a second run, a
 * restart or a second server finds the row and does not send it again.
 */
@Entity('reminder')
@Unique('UQ_reminder_key', ['staffId', 'training', 'dueOn', 'offsetDays'])
@Index('IDX_reminder_staff', ['staffId', 'id'])
export class Reminder {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  staffId: number;

  @Column({ type: 'integer' })
  schoolId: number;

  /**
   * `online-safety`, `dsp-advanced`, `induction` (online safety at induction), another requirement's code, or
   * `induction:CODE`.
   */
  @Column({ type: 'varchar', length: 60 })
  training: ReminderTraining;

  @Column({ type: 'varchar', length: 10 })
  dueOn: string;

  /** Days before the due date (0 = on the day); negative when overdue. */
  @Column({ type: 'integer' })
  offsetDays: number;

  @Column({ type: 'varchar', length: 10 })
  status: ReminderStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @Column({ type: 'simple-json' })
  recipients: { to: string; cc: string[] };

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  sentAt: string | null;
}
