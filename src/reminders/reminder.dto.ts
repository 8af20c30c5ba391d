import { Type } from 'class-transformer';
import { IsInt, IsOptional } from 'class-validator';
import { ReminderStatus, ReminderTraining } from './reminder.entity';

export class ReminderRunResultDto {
  sent: number;
  /** Due today but already sent, or taken by another server. */
  skipped: number;
  failed: number;
  /** How long finding who is due took, and how long sending took. */
  selectionMs: number;
  deliveryMs: number;
}

export class ReminderQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  staffId?: number;
}

export class ReminderDto {
  id: number;
  staffId: number;
  training: ReminderTraining;
  dueOn: string;
  offsetDays: number;
  status: ReminderStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  recipients: { to: string; cc: string[] };
  createdAt: string;
  sentAt: string | null;
}
