import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffModule } from '../staff/staff.module';
import { NeedsAudit } from './needs-audit.entity';
import { NeedsAuditsController } from './needs-audits.controller';
import { NeedsAuditsService } from './needs-audits.service';

@Module({
  imports: [TypeOrmModule.forFeature([NeedsAudit]), StaffModule],
  controllers: [NeedsAuditsController],
  providers: [NeedsAuditsService],
  exports: [NeedsAuditsService],
})
export class NeedsAuditsModule {}
