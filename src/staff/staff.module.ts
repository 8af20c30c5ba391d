import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChangeLogModule } from '../change-log/change-log.module';
import { SchoolsModule } from '../schools/schools.module';
import { StaffMember } from './staff-member.entity';
import { StaffController } from './staff.controller';
import { StaffImportService } from './staff-import.service';
import { StaffService } from './staff.service';

@Module({
  imports: [TypeOrmModule.forFeature([StaffMember]), SchoolsModule, ChangeLogModule],
  controllers: [StaffController],
  providers: [StaffService, StaffImportService],
  exports: [StaffService, StaffImportService],
})
export class StaffModule {}
