import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { loggerOptions } from './logging/logger-options';
import { AccountStandingModule } from './accounts/account-standing.module';
import { AccountStandingService } from './accounts/account-standing.service';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { ChangeLogModule } from './change-log/change-log.module';
import { ClockModule } from './clock/clock.module';
import { CommonModule } from './common/common.module';
import { ComplianceModule } from './compliance/compliance.module';
import { CompletionsModule } from './completions/completions.module';
import { AppConfig, buildAppConfig } from './config/app.config';
import { validateEnvironment } from './config/environment';
import { CoursesModule } from './courses/courses.module';
import { dataSourceOptions } from './database/data-source-options';
import { BackupTasks } from './database/backup.tasks';
import { StartupService } from './database/startup.service';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { NeedsAuditsModule } from './needs-audits/needs-audits.module';
import { RemindersModule } from './reminders/reminders.module';
import { RequirementsModule } from './requirements/requirements.module';
import { SchoolsModule } from './schools/schools.module';
import { StaffModule } from './staff/staff.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [() => buildAppConfig(validateEnvironment(process.env))],
    }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        dataSourceOptions(config.get('database', { infer: true })),
    }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        loggerOptions(config.get('logLevel', { infer: true }), config.get('logFile', { infer: true }) ?? undefined),
    }),
    ScheduleModule.forRoot(),
    ClockModule,
    CommonModule,
    ChangeLogModule,
    // Auth knows no domain module: whether a leaver's account still opens is the accounts module's answer.
    AuthModule.forRoot({ imports: [AccountStandingModule], gate: AccountStandingService }),
    AccountsModule,
    UsersModule,
    SchoolsModule,
    StaffModule,
    CoursesModule,
    CompletionsModule,
    NeedsAuditsModule,
    ComplianceModule,
    RequirementsModule,
    MailModule,
    RemindersModule,
    WebModule,
    HealthModule,
  ],
  providers: [StartupService, BackupTasks],
})
export class AppModule {}
