import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Day } from '../common/day';
import { AppConfig } from '../config/app.config';

/** The one source of "today" and "now": every rule asks here, never the system clock. */
@Injectable()
export class ClockService {
  private readonly pinnedToday?: Day;

  constructor(config: ConfigService<AppConfig, true>) {
    this.pinnedToday = config.get('today', { infer: true }) ?? undefined;
  }

  /** Today in Europe/London, unless `TODAY` pins it. */
  today(): Day {
    if (this.pinnedToday) return this.pinnedToday;
    // en-CA formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(this.now());
  }

  now(): Date {
    return new Date();
  }
}
