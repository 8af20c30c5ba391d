import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { School } from '../schools/school.entity';
import { SchoolsModule } from '../schools/schools.module';
import { ComplianceHistoryService } from './compliance-history.service';
import { ComplianceSnapshot } from './compliance-snapshot.entity';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';
import { ComplianceTasks } from './compliance.tasks';
import { MemberRecordsLoader } from './member-records.loader';
import { RollupWorkers } from './rollup-workers';
import { SchoolRecordsLoader } from './school-records.loader';

@Module({
  imports: [TypeOrmModule.forFeature([School, ComplianceSnapshot]), SchoolsModule],
  controllers: [ComplianceController],
  providers: [
    ComplianceService,
    ComplianceHistoryService,
    ComplianceTasks,
    SchoolRecordsLoader,
    MemberRecordsLoader,
    RollupWorkers,
  ],
  exports: [ComplianceService, ComplianceHistoryService, SchoolRecordsLoader],
})
export class ComplianceModule {}
