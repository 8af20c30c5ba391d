import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { assertCanManageSchool } from '../auth/access';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { SchoolsService } from '../schools/schools.service';
import { ChangeLogService } from './change-log.service';
import { ChangeDto, ChangesQueryDto } from './change.dto';

@ApiTags('changes')
@ApiBearerAuth()
@Controller('api')
export class ChangeLogController {
  constructor(
    private readonly changeLog: ChangeLogService,
    private readonly schools: SchoolsService,
  ) {}

  @Get('changes')
  @Roles('admin')
  list(@Query() query: ChangesQueryDto): Promise<ChangeDto[]> {
    return this.changeLog.list(query);
  }

  @Get('schools/:id/changes')
  @Roles('admin', 'dsp')
  async listForSchool(
    @Param('id', ParseIntPipe) id: number,
    @Query() query: ChangesQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ChangeDto[]> {
    await this.schools.findEntity(id);
    assertCanManageSchool(user, id);
    return this.changeLog.list(query, id);
  }
}
