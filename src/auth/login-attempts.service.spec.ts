import { ClockService } from '../clock/clock.service';
import { delayAfter, LoginAttemptsService, MAX_DELAY_MS } from './login-attempts.service';

describe(LoginAttemptsService.name, () => {
  let now: number;
  let waited: number[];
  let attempts: LoginAttemptsService;

  beforeEach(() => {
    now = Date.parse('2026-11-27T09:00:00Z');
    waited = [];
    const clock = { now: () => new Date(now) } as ClockService;
    attempts = new LoginAttemptsService(clock, (ms) => {
      waited.push(ms);
      return Promise.resolve();
    });
  });

  describe(delayAfter.name, () => {
    it('lets three failures pass, then doubles from one second up to the cap', () => {
      expect([1, 2, 3, 4, 5, 6, 9, 10, 500].map(delayAfter)).toEqual([
        0,
        0,
        0,
        1000,
        2000,
        4000,
        20000,
        20000,
        MAX_DELAY_MS,
      ]);
    });
  });

  describe('failed', () => {
    it('waits by the worse of the account’s and the address’s record', async () => {
      for (let index = 0; index < 5; index += 1) await attempts.failed(`user${index}@x.test`, '10.0.0.1');
      expect(waited).toEqual([1000, 2000]);
      await attempts.failed('fresh@x.test', '10.0.0.2');
      expect(waited).toEqual([1000, 2000]);
    });

    it('forgets failures 15 minutes after the last one', async () => {
      for (let index = 0; index < 5; index += 1) await attempts.failed('a@x.test', `10.0.0.${index}`);
      expect(attempts.failuresOf('a@x.test')).toBe(5);
      now += 14 * 60_000;
      expect(attempts.failuresOf('a@x.test')).toBe(5);
      now += 60_000;
      expect(attempts.failuresOf('a@x.test')).toBe(0);
    });
  });

  describe('succeeded and clearAccount', () => {
    it('forget the account’s failures but not the address’s', async () => {
      for (let index = 0; index < 5; index += 1) await attempts.failed('a@x.test', '10.0.0.9');
      attempts.succeeded('a@x.test');
      expect(attempts.failuresOf('a@x.test')).toBe(0);
      waited = [];
      await attempts.failed('a@x.test', '10.0.0.9');
      expect(waited).toEqual([4000]);
      attempts.clearAccount('a@x.test');
      expect(attempts.failuresOf('a@x.test')).toBe(0);
    });
  });
});
