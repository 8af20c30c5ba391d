import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, Repository } from 'typeorm';
import { assertCanManageSchool } from '../auth/access';
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
    return rows.map(({ schoolId: _schoolId, ...row }) => row);
  }

  private async scope(user: AuthUser, query: ReminderQueryDto): Promise<FindOptionsWhere<Reminder>> {
    if (query.staffId !== undefined) {
      await this.staff.findReadable(user, query.staffId);
      return { staffId: query.staffId };
    }
    if (user.role === 'staff') return { staffId: user.staffId ?? -1 };
    if (user.role === 'admin') return {};
    assertCanManageSchool(user, user.schoolId);
    return { schoolId: user.schoolId! };
  }
}
