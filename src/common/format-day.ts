import { Day } from './day';
import { Language } from './language';

/** Month names, January first, as each language writes them in a date. */
export const MONTHS: Record<Language, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  cy: [
    'Ionawr',
    'Chwefror',
    'Mawrth',
    'Ebrill',
    'Mai',
    'Mehefin',
    'Gorffennaf',
    'Awst',
    'Medi',
    'Hydref',
    'Tachwedd',
    'Rhagfyr',
  ],
};

/** "14 April 2026" / "14 Ebrill 2026". */
export function formatDay(day: Day, language: Language): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${date} ${MONTHS[language][month - 1]} ${year}`;
}
