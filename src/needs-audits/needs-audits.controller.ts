import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CreateNeedsAuditDto, NeedsAuditDto, NeedsAuditQueryDto } from './needs-audit.dto';
import { NeedsAuditsService } from './needs-audits.service';

@ApiTags('needs-audits')
@ApiBearerAuth()
@Controller('api/needs-audits')
export class NeedsAuditsController {
  constructor(private readonly audits: NeedsAuditsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: NeedsAuditQueryDto): Promise<NeedsAuditDto[]> {
    return this.audits.list(user, query);
  }

  @Post()
  @Roles('admin', 'dsp')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateNeedsAuditDto): Promise<NeedsAuditDto> {
    return this.audits.create(user, body);
  }
}
