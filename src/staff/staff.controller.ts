import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CreateStaffDto, StaffDto, StaffQueryDto, UpdateStaffDto } from './staff.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: StaffQueryDto): Promise<StaffDto[]> {
    return this.staff.list(user, query);
  }

  @Post()
  @Roles('admin', 'dsp')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateStaffDto): Promise<StaffDto> {
    return this.staff.create(user, body);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number): Promise<StaffDto> {
    return this.staff.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'dsp')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateStaffDto,
  ): Promise<StaffDto> {
    return this.staff.update(user, id, body);
  }

  /** Marks the member as left (today); their records are kept. */
  @Delete(':id')
  @Roles('admin', 'dsp')
  markLeft(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number): Promise<StaffDto> {
    return this.staff.markLeft(user, id);
  }
}
