import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, In } from 'typeorm';
import { demoAccountEmails, DemoLogin, seedDemoSchool } from '../demo/demo-seeder';
import { ClockService } from '../clock/clock.service';
import { AppConfig } from '../config/app.config';
import { User } from '../users/user.entity';
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
    if (this.config.get('production', { infer: true })) await this.refuseDemoAccounts();
  }

  /** The demo's password is in the README: a production server must not answer to it. */
  private async refuseDemoAccounts(): Promise<void> {
    const enabled = await this.dataSource
      .getRepository(User)
      .find({ where: { email: In(demoAccountEmails()), disabled: false }, select: { email: true } });
    if (enabled.length === 0) return;
    throw new Error(
      `Refusing to start with NODE_ENV=production: the demo accounts ` +
        `(${enabled.map((user) => user.email).join(', ')}) ` +
        'can sign in with the published password; start on a new database with SEED_DEMO=0, or disable them first ' +
        '(PATCH /api/users/:id {"disabled": true}) on a server started without NODE_ENV=production',
    );
  }
}
