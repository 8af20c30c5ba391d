import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplianceModule } from '../compliance/compliance.module';
import { Course } from '../courses/course.entity';
import { School } from '../schools/school.entity';
import { StaffModule } from '../staff/staff.module';
import { ReminderLogService } from './reminder-log.service';
import { Reminder } from './reminder.entity';
import { ReminderRun } from './reminder-run.entity';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';
import { RemindersTasks } from './reminders.tasks';

@Module({
  imports: [TypeOrmModule.forFeature([Reminder, ReminderRun, School, Course]), ComplianceModule, StaffModule],
  controllers: [RemindersController],
  providers: [RemindersService, ReminderLogService, RemindersTasks],
  exports: [RemindersService, ReminderLogService],
})
export class RemindersModule {}
