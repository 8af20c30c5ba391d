import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ReminderLogService } from './reminder-log.service';
import { ReminderDto, ReminderQueryDto, ReminderRunResultDto } from './reminder.dto';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api/reminders')
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly log: ReminderLogService,
  ) {}

  /** Runs today's reminders now, as the daily job does (a DSP: their school only). */
  @Post('run')
  @Roles('admin', 'dsp')
  @HttpCode(200)
  run(@CurrentUser() user: AuthUser): Promise<ReminderRunResultDto> {
    return this.reminders.runFor(user);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ReminderQueryDto): Promise<ReminderDto[]> {
    return this.log.list(user, query);
  }
}
