import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { ComplianceHistoryService } from './compliance-history.service';

@Injectable()
export class ComplianceTasks {
  private readonly logger = new Logger(ComplianceTasks.name);

  constructor(private readonly history: ComplianceHistoryService) {}

  @Cron('30 6 * * *', { name: 'compliance-snapshots', timeZone: 'Europe/London' })
  async takeDailySnapshots(): Promise<void> {
    const taken = await this.history.snapshotAll();
    this.logger.log(`Took ${taken} compliance snapshots`);
  }
}
