import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { RemindersService } from '../reminders/reminders.service';

export class LastReminderRunDto {
  startedAt: string;
  finishedAt: string;
  sent: number;
  skipped: number;
  failed: number;
}

export class HealthDto {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  lastReminderRun: LastReminderRunDto | null;
}

/** For load balancers and monitoring: 503 when the database cannot be reached. */
@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reminders: RemindersService,
  ) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    try {
      await this.dataSource.query('SELECT 1');
      const run = await this.reminders.lastRun();
      return {
        status: 'ok',
        database: 'up',
        lastReminderRun: run && {
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          sent: run.sent,
          skipped: run.skipped,
          failed: run.failed,
        },
      };
    } catch {
      response.status(503);
      return { status: 'error', database: 'down', lastReminderRun: null };
    }
  }
}
