import { formatDay } from './format-day';

describe(formatDay.name, () => {
  it('writes dates the way each language reads them', () => {
    expect(formatDay('2026-04-14', 'en')).toBe('14 April 2026');
    expect(formatDay('2026-04-14', 'cy')).toBe('14 Ebrill 2026');
    expect(formatDay('2027-02-01', 'cy')).toBe('1 Chwefror 2027');
  });
});
