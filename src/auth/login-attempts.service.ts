import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ClockService } from '../clock/clock.service';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 30;

interface Failures {
  count: number;
  windowEndsAt: number;
}

/**
 * Slows password guessing: after too many failed sign-ins for one account or from
 * one address, further attempts are refused with 429 until the window passes.
 * Only failures count, so colleagues signing in behind one school router are not
 * locked out by each other's successful logins.
 */
@Injectable()
export class LoginAttemptsService {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly clock: ClockService) {}

  assertAllowed(email: string, address: string): void {
    const blocked =
      this.isOver(`account:${email}`, MAX_FAILURES_PER_ACCOUNT) ||
      this.isOver(`address:${address}`, MAX_FAILURES_PER_ADDRESS);
    if (blocked) {
      throw new HttpException(
        'Too many failed sign-in attempts; wait 15 minutes and try again',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  recordFailure(email: string, address: string): void {
    for (const key of [`account:${email}`, `address:${address}`]) {
      const now = this.clock.now().getTime();
      const current = this.live(key, now);
      this.failures.set(
        key,
        current ? { ...current, count: current.count + 1 } : { count: 1, windowEndsAt: now + WINDOW_MS },
      );
    }
  }

  recordSuccess(email: string): void {
    this.failures.delete(`account:${email}`);
  }

  private isOver(key: string, limit: number): boolean {
    return (this.live(key, this.clock.now().getTime())?.count ?? 0) >= limit;
  }

  private live(key: string, now: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && entry.windowEndsAt <= now) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}
