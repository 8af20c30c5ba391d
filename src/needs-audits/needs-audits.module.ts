import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChangeLogModule } from '../change-log/change-log.module';
import { StaffModule } from '../staff/staff.module';
import { NeedsAudit } from './needs-audit.entity';
import { NeedsAuditsController } from './needs-audits.controller';
import { NeedsAuditsService } from './needs-audits.service';

@Module({
  imports: [TypeOrmModule.forFeature([NeedsAudit]), StaffModule, ChangeLogModule],
  controllers: [NeedsAuditsController],
  providers: [NeedsAuditsService],
  exports: [NeedsAuditsService],
})
export class NeedsAuditsModule {}
