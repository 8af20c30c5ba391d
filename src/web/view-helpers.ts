import { LANGUAGE_HELPERS } from '../i18n/template-helpers';

/** Handlebars helpers for the pages: words, dates and titles in the page's language, and comparisons. */
export const VIEW_HELPERS = {
  ...LANGUAGE_HELPERS,
  eq(a: unknown, b: unknown): boolean {
    return a === b;
  },
  /** Equal once both are strings: form values arrive as text, ids as numbers. */
  same(a: unknown, b: unknown): boolean {
    return (typeof a === 'string' || typeof a === 'number') && (typeof b === 'string' || typeof b === 'number')
      ? String(a) === String(b)
      : false;
  },
  includes(list: unknown[] | undefined, value: unknown): boolean {
    return Array.isArray(list) && list.map(String).includes(String(value));
  },
};
