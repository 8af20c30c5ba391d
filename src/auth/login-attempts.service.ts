import { Inject, Injectable } from '@nestjs/common';
import { ClockService } from '../clock/clock.service';

/** Waits before a failed sign-in is answered; tests swap it to record the delays instead. */
export const SIGN_IN_DELAY = Symbol('SIGN_IN_DELAY');
export type SignInDelay = (milliseconds: number) => Promise<void>;
export const realSignInDelay: SignInDelay = (milliseconds) =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Failures answered at once, before the slow-down starts: a typo or two costs nothing. */
export const FREE_FAILURES = 3;
const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 20_000;
/** Failures are forgotten this long after the last one. */
const FORGET_AFTER_MS = 15 * 60_000;

interface Failures {
  count: number;
  lastAt: number;
}

/**
 * Slows password guessing without locking anyone out. Failed sign-ins are counted per
 * account and per client address; after a few, each further failure is answered only
 * after a delay that doubles up to a cap. A correct password is never refused or
 * delayed, so failures made by someone else (or from another address) never keep the
 * owner out. Only failures count: colleagues behind one school router do not slow
 * each other down by signing in.
 */
@Injectable()
export class LoginAttemptsService {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly clock: ClockService,
    @Inject(SIGN_IN_DELAY) private readonly delay: SignInDelay,
  ) {}

  /** Records a failure and waits as long as the account's or the address's record asks. */
  async failed(email: string, address: string): Promise<void> {
    const counts = [this.count(accountKey(email)), this.count(addressKey(address))];
    const wait = delayAfter(Math.max(...counts));
    if (wait > 0) await this.delay(wait);
  }

  succeeded(email: string): void {
    this.failures.delete(accountKey(email));
  }

  /** An admin's reset: the account's failures are forgotten (those of the addresses are not). */
  clearAccount(email: string): void {
    this.failures.delete(accountKey(email));
  }

  failuresOf(email: string): number {
    return this.live(accountKey(email))?.count ?? 0;
  }

  private count(key: string): number {
    const count = (this.live(key)?.count ?? 0) + 1;
    this.failures.set(key, { count, lastAt: this.clock.now().getTime() });
    this.forgetStale();
    return count;
  }

  private live(key: string): Failures | undefined {
    const entry = this.failures.get(key);
    return entry && this.clock.now().getTime() - entry.lastAt < FORGET_AFTER_MS ? entry : undefined;
  }

  /** Keeps memory bounded under a spray of addresses: old entries go on the next failure. */
  private forgetStale(): void {
    if (this.failures.size < 10_000) return;
    for (const key of [...this.failures.keys()]) if (!this.live(key)) this.failures.delete(key);
  }
}

/** No delay for the first few failures, then 1 s, 2 s, 4 s … up to the cap. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - FREE_FAILURES - 1, 30));
}

const accountKey = (email: string) => `account:${email}`;
const addressKey = (address: string) => `address:${address}`;
