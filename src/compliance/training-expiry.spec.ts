import { buildCompletionRecord, buildSettings } from '../../test/factories/compliance-records.factory';
import { academicYearExpiry, academicYearOf, refreshMonthsOf, topicExpiry } from './training-expiry';

const rolling = buildSettings();
const academic = buildSettings({ expiryBasis: 'academic-year', academicYearGraceDays: 30 });

function completion(completedOn: string, validityMonths: number, expiresOn: string) {
  return buildCompletionRecord({ staffId: 1, completedOn, validityMonths, expiresOn });
}

describe('training expiry', () => {
  describe(refreshMonthsOf.name, () => {
    it('follows the school’s annual refresh months, a fixed period, or the course validity (null)', () => {
      expect(refreshMonthsOf({ refreshMonths: 'annual' }, buildSettings({ annualRefreshMonths: 10 }))).toBe(10);
      expect(refreshMonthsOf({ refreshMonths: 36 }, rolling)).toBe(36);
      expect(refreshMonthsOf({ refreshMonths: null }, rolling)).toBeNull();
    });
  });

  describe('annual cap (rolling)', () => {
    const dspCourse = completion('2025-11-27', 24, '2027-11-27');

    it('caps a 24-month course at the 12-month refresh period', () => {
      expect(topicExpiry(dspCourse, 12, rolling)).toBe('2026-11-27');
    });

    it('keeps the course validity where the requirement has no refresh period', () => {
      expect(topicExpiry(dspCourse, null, rolling)).toBe('2027-11-27');
    });

    it('keeps a shorter course validity under a longer refresh period', () => {
      expect(topicExpiry(completion('2026-01-31', 6, '2026-07-31'), 12, rolling)).toBe('2026-07-31');
    });

    it('reads 29 February as calendar months: one year on is 28 February', () => {
      expect(topicExpiry(completion('2024-02-29', 24, '2026-02-28'), 12, rolling)).toBe('2025-02-28');
      expect(topicExpiry(completion('2024-02-29', 48, '2028-02-29'), 48, rolling)).toBe('2028-02-29');
    });
  });

  describe(academicYearOf.name, () => {
    it('starts each academic year on 1 September', () => {
      expect(academicYearOf('2025-08-31')).toBe(2024);
      expect(academicYearOf('2025-09-01')).toBe(2025);
      expect(academicYearOf('2026-07-10')).toBe(2025);
    });
  });

  describe(academicYearExpiry.name, () => {
    it('is the specification’s example: 12 months, 30 days’ grace, from October or July, to 30 September', () => {
      expect(academicYearExpiry('2025-10-15', 12, 30)).toBe('2026-09-30');
      expect(academicYearExpiry('2026-07-10', 12, 30)).toBe('2026-09-30');
    });

    it('moves to the next academic year on 1 September, not on 31 August', () => {
      expect(academicYearExpiry('2026-08-31', 12, 30)).toBe('2026-09-30');
      expect(academicYearExpiry('2026-09-01', 12, 30)).toBe('2027-09-30');
    });

    it('adds whole academic years for longer periods, and the grace days (0 to 90)', () => {
      expect(academicYearExpiry('2025-10-15', 24, 30)).toBe('2027-09-30');
      expect(academicYearExpiry('2025-10-15', 12, 0)).toBe('2026-08-31');
      expect(academicYearExpiry('2025-10-15', 12, 90)).toBe('2026-11-29');
    });

    it('treats 29 February like any other day of its academic year', () => {
      expect(academicYearExpiry('2024-02-29', 12, 30)).toBe('2024-09-30');
    });
  });

  describe('academic-year basis in topicExpiry', () => {
    it('applies to whole years, capped by the refresh period', () => {
      expect(topicExpiry(completion('2025-10-15', 12, '2026-10-15'), 12, academic)).toBe('2026-09-30');
      expect(topicExpiry(completion('2025-10-15', 24, '2027-10-15'), 12, academic)).toBe('2026-09-30');
      expect(topicExpiry(completion('2025-10-15', 24, '2027-10-15'), null, academic)).toBe('2027-09-30');
    });

    it('leaves periods that are not whole years rolling', () => {
      expect(topicExpiry(completion('2025-10-15', 6, '2026-04-15'), 12, academic)).toBe('2026-04-15');
      expect(topicExpiry(completion('2025-10-15', 18, '2027-04-15'), null, academic)).toBe('2027-04-15');
    });
  });
});
