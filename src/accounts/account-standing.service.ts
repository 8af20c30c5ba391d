import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountGate } from '../auth/account-gate';
import { ClockService } from '../clock/clock.service';
import { StaffMember } from '../staff/staff-member.entity';
import { User } from '../users/user.entity';
import { hasLeftBy } from '../common/day';

type AccountKeys = Pick<User, 'staffId' | 'schoolId' | 'email'>;

/** An account's person: their staff record, and whether they have left (which closes the account). */
@Injectable()
export class AccountStandingService implements AccountGate {
  constructor(
    @InjectRepository(StaffMember) private readonly staff: Repository<StaffMember>,
    private readonly clock: ClockService,
  ) {}

  /** Not linked to a staff member who has left by today. */
  async mayUse(user: AccountKeys): Promise<boolean> {
    const member = await this.linkedStaff(user);
    return !hasLeftBy(member?.leftOn ?? null, this.clock.today());
  }

  /** The staff record of the account: the one it names, else the one with its email at its school. */
  linkedStaff(user: AccountKeys): Promise<StaffMember | null> {
    if (user.staffId !== null) return this.staff.findOneBy({ id: user.staffId });
    if (user.schoolId === null) return Promise.resolve(null);
    return this.staff.findOneBy({ schoolId: user.schoolId, email: user.email });
  }
}
