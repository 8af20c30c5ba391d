import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { CourseDto, CourseQueryDto, CreateCourseDto, UpdateCourseDto } from './course.dto';
import { CoursesService } from './courses.service';
import { ParseIdPipe } from '../common/validation/id';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('api/courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: CourseQueryDto): Promise<CourseDto[]> {
    return this.courses.list(user, query);
  }

  @Post()
  @Roles('admin', 'dsp')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCourseDto): Promise<CourseDto> {
    return this.courses.create(user, body);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseIdPipe('course')) id: number): Promise<CourseDto> {
    return this.courses.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'dsp')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('course')) id: number,
    @Body() body: UpdateCourseDto,
  ): Promise<CourseDto> {
    return this.courses.update(user, id, body);
  }
}
