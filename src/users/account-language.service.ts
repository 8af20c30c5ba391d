import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { ChangeLogService } from '../change-log/change-log.service';
import { TransactionService } from '../common/transaction.service';
import { Language } from '../common/language';
import { StaffMember } from '../staff/staff-member.entity';
import { User } from './user.entity';

/**
 * The language a signed-in person's pages use. Staff have one already, on their staff
 * record (their reminder emails use it too); everyone else's is on their account, and
 * null means "as my browser asks".
 */
@Injectable()
export class AccountLanguageService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(StaffMember) private readonly staff: Repository<StaffMember>,
    private readonly transactions: TransactionService,
    private readonly changeLog: ChangeLogService,
  ) {}

  async languageOf(user: AuthUser): Promise<Language | null> {
    if (user.role === 'staff' && user.staffId !== null) {
      const member = await this.staff.findOne({ where: { id: user.staffId }, select: { id: true, language: true } });
      return member?.language ?? null;
    }
    const account = await this.users.findOne({ where: { id: user.id }, select: { id: true, language: true } });
    return account?.language ?? null;
  }

  async setLanguage(user: AuthUser, language: Language): Promise<void> {
    if (user.role !== 'staff' || user.staffId === null) {
      await this.users.update({ id: user.id }, { language });
      return;
    }
    const staffId = user.staffId;
    await this.transactions.run(async (manager) => {
      const before = await manager.findOneByOrFail(StaffMember, { id: staffId });
      await manager.update(StaffMember, { id: staffId }, { language });
      await this.changeLog.record(manager, user, [
        {
          entity: 'staff',
          entityId: staffId,
          schoolId: before.schoolId,
          action: 'update',
          before,
          after: { ...before, language },
        },
      ]);
    });
  }
}
