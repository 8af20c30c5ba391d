import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CreateStaffDto, StaffDto, StaffQueryDto, UpdateStaffDto } from './staff.dto';
import { StaffImportQueryDto, StaffImportResultDto } from './staff-import.dto';
import { StaffImportService } from './staff-import.service';
import { StaffService } from './staff.service';
import { ParseIdPipe } from '../common/validation/id';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/staff')
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly importer: StaffImportService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: StaffQueryDto): Promise<StaffDto[]> {
    return this.staff.list(user, query);
  }

  @Post()
  @Roles('admin', 'dsp')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateStaffDto): Promise<StaffDto> {
    return this.staff.create(user, body);
  }

  /** The school's staff list as exported from its MIS (CSV); any bad row saves nothing. */
  @Post('import')
  @Roles('admin', 'dsp')
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'MIS ID,First Name,Last Name,Email,Start Date,Job Title\n1042,Ann,Jones,ann@school.test,01/09/2024,Teacher',
    },
  })
  async import(
    @CurrentUser() user: AuthUser,
    @Body() csv: string,
    @Query() query: StaffImportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StaffImportResultDto> {
    const result = await this.importer.import(user, query, csv);
    response.status(query.dryRun ? 200 : 201);
    return result;
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('staff member')) id: number): Promise<StaffDto> {
    return this.staff.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'dsp')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('staff member')) id: number,
    @Body() body: UpdateStaffDto,
  ): Promise<StaffDto> {
    return this.staff.update(user, id, body);
  }

  /** Marks the member as left (today); their records are kept. */
  @Delete(':id')
  @Roles('admin', 'dsp')
  markLeft(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('staff member')) id: number): Promise<StaffDto> {
    return this.staff.markLeft(user, id);
  }
}
