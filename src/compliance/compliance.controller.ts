import { Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ComplianceHistoryService } from './compliance-history.service';
import { ComplianceRollupRowDto, ComplianceSummaryDto, HistoryQueryDto, SnapshotDto } from './compliance.dto';
import { ComplianceService } from './compliance.service';
import { ParseIdPipe } from '../common/validation/id';

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
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="compliance.csv"')
  @ApiProduces('text/csv')
  csv(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('school')) id: number): Promise<string> {
    return this.compliance.csv(user, id);
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
