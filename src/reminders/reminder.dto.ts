import { Type } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { ReminderStatus, ReminderTraining } from './reminder.entity';
import { IsId } from '../common/validation/id';

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
  @IsId()
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
