import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, MoreThan } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { fieldError } from '../common/errors/field-errors';
import { AccountToken, AccountTokenPurpose } from './account-token.entity';

export const LINK_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  invite: 7 * 24 * 3_600_000,
  reset: 3_600_000,
};

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The single-use links of invitations and password resets. The link carries 32 random
 * bytes; only their SHA-256 is stored, so a copy of the database opens no account.
 */
@Injectable()
export class AccountTokensService {
  constructor(private readonly clock: ClockService) {}

  /** A new link for the account; any earlier link of the same purpose stops working. */
  async issue(manager: EntityManager, userId: number, purpose: AccountTokenPurpose): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await manager.delete(AccountToken, { userId, purpose });
    await manager.insert(AccountToken, {
      userId,
      purpose,
      tokenHash: hashOf(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS[purpose]).toISOString(),
    });
    return token;
  }

  /** Uses up a link: the account it opens, or 400 naming `token` if it is unknown, used or expired. */
  async consume(manager: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<number> {
    const found = await manager.findOneBy(AccountToken, {
      tokenHash: hashOf(token),
      purpose,
      expiresAt: MoreThan(this.clock.now().toISOString()),
    });
    if (!found) throw fieldError('token', 'token: this link has expired or has already been used; ask for a new one');
    await manager.delete(AccountToken, { id: found.id });
    return found.userId;
  }

  /** Whether a link would open an account now, without using it (the page before the form is sent). */
  async isLive(manager: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<boolean> {
    return manager.existsBy(AccountToken, {
      tokenHash: hashOf(token),
      purpose,
      expiresAt: MoreThan(this.clock.now().toISOString()),
    });
  }
}
