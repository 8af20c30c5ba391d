import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { ChangeLogModule } from '../change-log/change-log.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { CompletionsModule } from '../completions/completions.module';
import { CoursesModule } from '../courses/courses.module';
import { NeedsAuditsModule } from '../needs-audits/needs-audits.module';
import { PendingUploadsModule } from '../pending-uploads/pending-uploads.module';
import { RemindersModule } from '../reminders/reminders.module';
import { RequirementsModule } from '../requirements/requirements.module';
import { SchoolsModule } from '../schools/schools.module';
import { StaffModule } from '../staff/staff.module';
import { UsersModule } from '../users/users.module';
import { AccountPagesController } from './account-pages.controller';
import { AccountsPagesController } from './accounts-pages.controller';
import { SchoolSetupPagesController } from './school-setup-pages.controller';
import { User } from '../users/user.entity';
import { AdminPagesController } from './admin-pages.controller';
import { PageLanguageInterceptor } from './page-language.interceptor';
import { AuthPagesController } from './auth-pages.controller';
import { ChangeLogPagesController } from './change-log-pages.controller';
import { CoursesPagesController } from './courses-pages.controller';
import { PasswordPagesController } from './password-pages.controller';
import { DspPagesController } from './dsp-pages.controller';
import { HwbPagesController } from './hwb-pages.controller';
import { NeedsAuditPagesController } from './needs-audit-pages.controller';
import { RecordPagesController } from './record-pages.controller';
import { RequirementPagesController } from './requirement-pages.controller';
import { SchoolPagesService } from './school-pages.service';
import { SettingsPagesController } from './settings-pages.controller';
import { StaffImportPagesController } from './staff-import-pages.controller';
import { StaffPagesController } from './staff-pages.controller';
import { SummaryPagesController } from './summary-pages.controller';
import { PendingCountInterceptor } from './pending-count.interceptor';
import { TrainingPagesController } from './training-pages.controller';

@Module({
  imports: [
    // The change-log page names who made each change.
    TypeOrmModule.forFeature([User]),
    AccountsModule,
    ChangeLogModule,
    ComplianceModule,
    CompletionsModule,
    CoursesModule,
    NeedsAuditsModule,
    PendingUploadsModule,
    RemindersModule,
    RequirementsModule,
    SchoolsModule,
    StaffModule,
    UsersModule,
  ],
  controllers: [
    AuthPagesController,
    PasswordPagesController,
    DspPagesController,
    CoursesPagesController,
    ChangeLogPagesController,
    SettingsPagesController,
    RequirementPagesController,
    // Before the record pages, so /staff/new and /staff/leavers are not read as a member's id.
    StaffImportPagesController,
    StaffPagesController,
    NeedsAuditPagesController,
    RecordPagesController,
    SummaryPagesController,
    AdminPagesController,
    SchoolSetupPagesController,
    AccountsPagesController,
    HwbPagesController,
    TrainingPagesController,
    AccountPagesController,
  ],
  providers: [
    SchoolPagesService,
    // Used by every page controller (see PageController), not by the API.
    PendingCountInterceptor,
    PageLanguageInterceptor,
  ],
})
export class WebModule {}
