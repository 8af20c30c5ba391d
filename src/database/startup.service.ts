import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { DemoLogin, seedDemoSchool } from '../demo/demo-seeder';
import { ClockService } from '../clock/clock.service';
import { AppConfig } from '../config/app.config';
import { UsersService } from '../users/users.service';

/** After migrations: the first admin from the environment, then the demo school into an empty database. */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StartupService.name);
  demoLogins: DemoLogin[] = [];

  constructor(
    private readonly config: ConfigService<AppConfig, true>,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly clock: ClockService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.get('adminEmail', { infer: true });
    const password = this.config.get('adminPassword', { infer: true });
    if (email && password) await this.users.createFirstAdmin(email, password);
    if (this.config.get('seedDemo', { infer: true })) {
      this.demoLogins = await seedDemoSchool(this.dataSource, this.clock.today());
      if (this.demoLogins.length) this.logger.log('Loaded the demo school from seeds/');
    }
  }
}
