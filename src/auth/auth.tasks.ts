import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AuthService } from './auth.service';

/** Nightly: forgets signed-out tokens and single-use links that have expired anyway. */
@Injectable()
export class AuthTasks {
  private readonly logger = new Logger(AuthTasks.name);

  constructor(private readonly auth: AuthService) {}

  @Cron('40 2 * * *', { name: 'purge-expired-tokens', timeZone: 'Europe/London' })
  async purgeExpiredTokens(): Promise<void> {
    const purged = await this.auth.purgeExpired();
    this.logger.log(`Purged ${purged.revokedTokens} signed-out tokens and ${purged.accountTokens} expired links`);
  }
}
