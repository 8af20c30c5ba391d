import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app.config';
import { RemindersService } from './reminders.service';

/** The daily reminder run, at REMINDER_CRON (default 07:00) Europe/London. */
@Injectable()
export class RemindersTasks implements OnModuleInit {
  private readonly logger = new Logger(RemindersTasks.name);

  constructor(
    private readonly reminders: RemindersService,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onModuleInit(): void {
    // Registered here rather than with @Cron so the time can come from configuration.
    const job = CronJob.from({
      cronTime: this.config.get('reminderCron', { infer: true }),
      onTick: () => this.sendDailyReminders(),
      timeZone: 'Europe/London',
    });
    this.scheduler.addCronJob('daily-reminders', job);
    job.start();
  }

  async sendDailyReminders(): Promise<void> {
    try {
      await this.reminders.run();
    } catch (error) {
      this.logger.error(`Daily reminder run failed: ${(error as Error).message}`);
    }
  }
}
