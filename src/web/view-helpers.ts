import { HelperOptions } from 'handlebars';
import { FieldError } from '../common/errors/field-errors';
import { LANGUAGE_HELPERS, languageOf } from '../i18n/template-helpers';
import { describeProblem } from './forms';

/** Handlebars helpers for the pages: words, dates and titles in the page's language, and comparisons. */
export const VIEW_HELPERS = {
  ...LANGUAGE_HELPERS,
  /** `{{problem refusal}}`: a service's coded refusal, in the page's language. */
  problem(found: FieldError, options: HelperOptions): string {
    return describeProblem(languageOf(options), found);
  },
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
