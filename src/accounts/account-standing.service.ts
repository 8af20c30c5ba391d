import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AccountGate } from '../auth/account-gate';
import { ClockService } from '../clock/clock.service';
import { StaffMember } from '../staff/staff-member.entity';
import { User } from '../users/user.entity';
import { hasLeftBy } from '../common/day';
import { chunksOf } from '../common/chunks';

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

  /** The ids of the accounts, of those given, whose person has left by today (as `mayUse` reads them, in bulk). */
  async leaversAmong(users: (AccountKeys & { id: number })[]): Promise<Set<number>> {
    const today = this.clock.today();
    const left = new Set<number>();
    const linked = users.filter((user) => user.staffId !== null);
    for (const chunk of chunksOf(linked)) {
      const members = await this.staff.find({
        where: { id: In(chunk.map((user) => user.staffId)) },
        select: { id: true, leftOn: true },
      });
      const leavers = new Set(members.filter((m) => hasLeftBy(m.leftOn, today)).map((m) => m.id));
      chunk.filter((user) => leavers.has(user.staffId!)).forEach((user) => left.add(user.id));
    }
    const byEmail = users.filter((user) => user.staffId === null && user.schoolId !== null);
    for (const chunk of chunksOf(byEmail, 250)) {
      const members = await this.staff.find({
        where: chunk.map((user) => ({ schoolId: user.schoolId!, email: user.email })),
        select: { id: true, schoolId: true, email: true, leftOn: true },
      });
      const leavers = new Set(members.filter((m) => hasLeftBy(m.leftOn, today)).map((m) => `${m.schoolId} ${m.email}`));
      chunk.filter((user) => leavers.has(`${user.schoolId} ${user.email}`)).forEach((user) => left.add(user.id));
    }
    return left;
  }

  /** The staff record of the account: the one it names, else the one with its email at its school. */
  linkedStaff(user: AccountKeys): Promise<StaffMember | null> {
    if (user.staffId !== null) return this.staff.findOneBy({ id: user.staffId });
    if (user.schoolId === null) return Promise.resolve(null);
    return this.staff.findOneBy({ schoolId: user.schoolId, email: user.email });
  }
}
