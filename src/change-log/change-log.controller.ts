import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { ChangeLogService } from './change-log.service';
import { ChangeDto, ChangesQueryDto } from './change.dto';

/** The whole instance's change log; a school's own is under /api/schools/:id/changes. */
@ApiTags('changes')
@ApiBearerAuth()
@Controller('api')
export class ChangeLogController {
  constructor(private readonly changeLog: ChangeLogService) {}

  @Get('changes')
  @Roles('admin')
  list(@Query() query: ChangesQueryDto): Promise<ChangeDto[]> {
    return this.changeLog.list(query);
  }
}
