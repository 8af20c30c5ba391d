import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ParseIdPipe } from '../common/validation/id';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CreateRequirementDto, RequirementDto, UpdateRequirementDto } from './requirement.dto';
import { RequirementsService } from './requirements.service';

@ApiTags('requirements')
@ApiBearerAuth()
@Controller('api/schools/:id/requirements')
export class RequirementsController {
  constructor(private readonly requirements: RequirementsService) {}

  @Get()
  @Roles('admin', 'dsp', 'governor')
  list(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('school')) id: number): Promise<RequirementDto[]> {
    return this.requirements.list(user, id);
  }

  @Post()
  @Roles('admin', 'dsp')
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
    @Body() body: CreateRequirementDto,
  ): Promise<RequirementDto> {
    return this.requirements.create(user, id, body);
  }

  @Patch(':code')
  @Roles('admin', 'dsp')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
    @Param('code') code: string,
    @Body() body: UpdateRequirementDto,
  ): Promise<RequirementDto> {
    return this.requirements.update(user, id, code, body);
  }

  @Delete(':code')
  @Roles('admin', 'dsp')
  @HttpCode(204)
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
    @Param('code') code: string,
  ): Promise<void> {
    return this.requirements.remove(user, id, code);
  }
}
