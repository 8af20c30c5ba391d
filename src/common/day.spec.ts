import { addDays, addMonths, daysBetween, hasLeftBy, isCalendarDay } from './day';

describe(isCalendarDay.name, () => {
  it.each(['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (day) => {
    expect(isCalendarDay(day)).toBe(true);
  });
  it.each([
    '2026-02-30',
    '2025-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-1-1',
    '2026-01-01T00:00',
    '',
    20260101,
    null,
  ])('refuses %s', (day) => {
    expect(isCalendarDay(day)).toBe(false);
  });
});

describe(addMonths.name, () => {
  it('clamps 31 January + 1 month to the end of February', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });
  it('takes 29 February + 12 months to 28 February', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });
  it('crosses year ends both ways', () => {
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-01-15', -12)).toBe('2025-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe(addDays.name, () => {
  it('crosses month ends and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });
});

describe(daysBetween.name, () => {
  it('counts whole days across a clock change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
  });
});

describe('a string that is not a day', () => {
  it.each(['2026-1-01', '2026-01-1 ', '2026/01/01', '2O26-01-01', '２０２６-01-01', '-2026-01-0'])(
    'is refused by the arithmetic, not misread: %s',
    (day) => {
      expect(() => daysBetween(day, '2026-01-01')).toThrow(`Not a YYYY-MM-DD day: ${day}`);
      expect(() => addMonths(day, 1)).toThrow(`Not a YYYY-MM-DD day: ${day}`);
      expect(() => addDays(day, 1)).toThrow(`Not a YYYY-MM-DD day: ${day}`);
    },
  );
});

describe(hasLeftBy.name, () => {
  it('has left on the leave date and after it, not before it, and never without one', () => {
    expect(hasLeftBy('2026-11-27', '2026-11-27')).toBe(true);
    expect(hasLeftBy('2026-11-26', '2026-11-27')).toBe(true);
    expect(hasLeftBy('2026-11-28', '2026-11-27')).toBe(false);
    expect(hasLeftBy(null, '2026-11-27')).toBe(false);
  });
});
