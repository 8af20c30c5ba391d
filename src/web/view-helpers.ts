import { HelperOptions } from 'handlebars';
import { formatDay } from '../common/format-day';
import { Language } from '../common/language';
import { translate } from './i18n';

function languageOf(options: HelperOptions): Language {
  return (options.data?.root?.lang as Language) ?? 'en';
}

/** Handlebars helpers for the pages: words and dates in the page's language. */
export const VIEW_HELPERS = {
  t(key: string, options: HelperOptions): string {
    return translate(languageOf(options), key, options.hash);
  },
  /** `{{tk "status." status}}`: a message whose key is built from parts. */
  tk(prefix: string, value: string, options: HelperOptions): string {
    return translate(languageOf(options), `${prefix}${value}`, options.hash);
  },
  day(day: string | null, options: HelperOptions): string {
    return day ? formatDay(day, languageOf(options)) : '—';
  },
  eq(a: unknown, b: unknown): boolean {
    return a === b;
  },
  /** Equal once both are strings: form values arrive as text, ids as numbers. */
  same(a: unknown, b: unknown): boolean {
    return a !== null && a !== undefined && String(a) === String(b);
  },
  includes(list: unknown[] | undefined, value: unknown): boolean {
    return Array.isArray(list) && list.map(String).includes(String(value));
  },
};
