import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { ChangeLogModule } from '../change-log/change-log.module';
import { SchoolsModule } from '../schools/schools.module';
import { StaffMember } from '../staff/staff-member.entity';
import { StaffModule } from '../staff/staff.module';
import { AccountLanguageService } from './account-language.service';
import { InvitationsService } from './invitations.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, StaffMember]), SchoolsModule, StaffModule, ChangeLogModule, AccountsModule],
  controllers: [UsersController],
  providers: [UsersService, InvitationsService, AccountLanguageService],
  exports: [UsersService, InvitationsService, AccountLanguageService],
})
export class UsersModule {}
