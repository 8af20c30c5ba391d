import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Course } from '../courses/course.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { StaffModule } from '../staff/staff.module';
import { CompletionImportService } from './completion-import.service';
import { Completion } from './completion.entity';
import { CompletionsController } from './completions.controller';
import { CompletionsService } from './completions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Completion, Course, StaffMember]), StaffModule],
  controllers: [CompletionsController],
  providers: [CompletionsService, CompletionImportService],
  exports: [CompletionsService, CompletionImportService],
})
export class CompletionsModule {}
