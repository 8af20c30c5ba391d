import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ChangeDto, ChangesQueryDto } from '../change-log/change.dto';
import { CreateSchoolDto, SchoolDto, UpdateSchoolDto } from './school.dto';
import { SchoolsService } from './schools.service';
import { ParseIdPipe } from '../common/validation/id';

@ApiTags('schools')
@ApiBearerAuth()
@Controller('api/schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<SchoolDto[]> {
    return this.schools.list(user);
  }

  @Post()
  @Roles('admin')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateSchoolDto): Promise<SchoolDto> {
    return this.schools.create(user, body);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('school')) id: number): Promise<SchoolDto> {
    return this.schools.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'dsp')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
    @Body() body: UpdateSchoolDto,
  ): Promise<SchoolDto> {
    return this.schools.update(user, id, body);
  }

  @Get(':id/changes')
  @Roles('admin', 'dsp')
  changes(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
    @Query() query: ChangesQueryDto,
  ): Promise<ChangeDto[]> {
    return this.schools.changes(user, id, query);
  }
}
