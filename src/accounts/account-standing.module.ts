import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffMember } from '../staff/staff-member.entity';
import { AccountStandingService } from './account-standing.service';

/** Apart from AccountsModule because auth needs it (as its AccountGate) while AccountsModule needs auth. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffMember])],
  providers: [AccountStandingService],
  exports: [AccountStandingService],
})
export class AccountStandingModule {}
