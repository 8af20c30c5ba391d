import { Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ComplianceHistoryService } from './compliance-history.service';
import { ComplianceRollupRowDto, ComplianceSummaryDto, HistoryQueryDto, SnapshotDto } from './compliance.dto';
import { ComplianceService } from './compliance.service';
import { ParseIdPipe } from '../common/validation/id';
import { csvDownload } from '../common/csv';

@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api')
export class ComplianceController {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly history: ComplianceHistoryService,
  ) {}

  @Get('compliance')
  @Roles('admin')
  rollup(): Promise<ComplianceRollupRowDto[]> {
    return this.compliance.rollup();
  }

  @Get('schools/:id/compliance')
  @Roles('admin', 'dsp', 'governor')
  summary(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
  ): Promise<ComplianceSummaryDto> {
    return this.compliance.summary(user, id);
  }

  /** One row per active staff member, for the governing-body meeting. */
  @Get('schools/:id/compliance.csv')
  @Roles('admin', 'dsp', 'governor')
  @ApiProduces('text/csv')
  async csv(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
  ): Promise<StreamableFile> {
    return csvDownload(await this.compliance.csv(user, id), 'compliance.csv');
  }

  @Get('schools/:id/compliance/history')
  @Roles('admin', 'dsp', 'governor')
  historyOf(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
    @Query() query: HistoryQueryDto,
  ): Promise<SnapshotDto[]> {
    return this.history.history(user, id, query);
  }

  /** Takes today's snapshot now (the daily job takes one for every school). */
  @Post('schools/:id/compliance/snapshots')
  @Roles('admin', 'dsp')
  snapshot(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('school')) id: number): Promise<SnapshotDto> {
    return this.history.snapshotFor(user, id);
  }
}
