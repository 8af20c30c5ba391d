import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { StaffService } from '../staff/staff.service';
import { ReminderDto, ReminderQueryDto } from './reminder.dto';
import { Reminder } from './reminder.entity';

/** Who was reminded of what, and whether it went: for the DSP, and for each member their own. */
@Injectable()
export class ReminderLogService {
  constructor(
    @InjectRepository(Reminder) private readonly reminders: Repository<Reminder>,
    private readonly staff: StaffService,
  ) {}

  async list(user: AuthUser, query: ReminderQueryDto): Promise<ReminderDto[]> {
    const rows = await this.reminders.find({ where: await this.scope(user, query), order: { id: 'DESC' }, take: 1000 });
    return rows.map((row) => this.toDto(row));
  }

  private async scope(user: AuthUser, query: ReminderQueryDto): Promise<FindOptionsWhere<Reminder>> {
    if (query.staffId !== undefined) {
      await this.staff.findInScope(user, query.staffId, 'read');
      return { staffId: query.staffId };
    }
    const { schoolId, staffId } = await this.staff.readScope(user);
    return { schoolId, staffId };
  }

  private toDto(row: Reminder): ReminderDto {
    return {
      id: row.id,
      staffId: row.staffId,
      training: row.training,
      dueOn: row.dueOn,
      offsetDays: row.offsetDays,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      messageId: row.messageId,
      recipients: { to: row.recipients.to, cc: [...row.recipients.cc] },
      createdAt: row.createdAt,
      sentAt: row.sentAt,
    };
  }
}
