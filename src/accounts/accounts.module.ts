import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { School } from '../schools/school.entity';
import { User } from '../users/user.entity';
import { AccountEmailsService } from './account-emails.service';
import { AccountStandingModule } from './account-standing.module';
import { AccountsController } from './accounts.controller';
import { PasswordsService } from './passwords.service';

/**
 * Account management built on auth: invitations, choosing and resetting passwords, and the
 * emails that carry their links. It needs the school, the staff record and the mail service,
 * which auth must not know.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User, School]), AccountStandingModule],
  controllers: [AccountsController],
  providers: [PasswordsService, AccountEmailsService],
  exports: [PasswordsService, AccountEmailsService, AccountStandingModule],
})
export class AccountsModule {}
