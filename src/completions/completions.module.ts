import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Course } from '../courses/course.entity';
import { CoursesModule } from '../courses/courses.module';
import { School } from '../schools/school.entity';
import { CertificateStore } from './certificate.store';
import { CertificatesService } from './certificates.service';
import { CompletionReviewService } from './completion-review.service';
import { StaffMember } from '../staff/staff-member.entity';
import { ChangeLogModule } from '../change-log/change-log.module';
import { StaffModule } from '../staff/staff.module';
import { CompletionImportService } from './completion-import.service';
import { Completion } from './completion.entity';
import { CompletionsController } from './completions.controller';
import { CompletionsService } from './completions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Completion, Course, StaffMember, School]),
    StaffModule,
    CoursesModule,
    ChangeLogModule,
  ],
  controllers: [CompletionsController],
  providers: [
    CompletionsService,
    CompletionImportService,
    CompletionReviewService,
    CertificatesService,
    CertificateStore,
  ],
  exports: [CompletionsService, CompletionImportService, CompletionReviewService, CertificatesService],
})
export class CompletionsModule {}
