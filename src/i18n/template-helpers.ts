import Handlebars, { HelperOptions } from 'handlebars';
import { formatDay } from '../common/format-day';
import { Language, LANGUAGES } from '../common/language';
import { isMessageKey, translate } from './translate';

/** Pages put the language in `lang`, emails in `language`. */
export function languageOf(options: HelperOptions | undefined): Language {
  const data = options?.data as { root?: unknown } | undefined;
  const root = data?.root as { lang?: unknown; language?: unknown } | undefined;
  const language = root?.lang ?? root?.language;
  return LANGUAGES.includes(language as Language) ? (language as Language) : 'en';
}

/** Handlebars passes its options last; helpers with optional arguments look for them there. */
function lastOptions(args: unknown[]): HelperOptions {
  return args[args.length - 1] as HelperOptions;
}

/** True on a Welsh page when a thing has no Welsh title, so its English one needs lang="en". */
function untranslated(titleCy: unknown, options: HelperOptions): boolean {
  return languageOf(options) === 'cy' && !titleCy;
}

/** Words, dates and titles in the language of the page or email being rendered. */
export const LANGUAGE_HELPERS = {
  /** `{{t "key" name=value}}`; a counted phrase takes `count=`. */
  t(key: string, options: HelperOptions): string {
    return translate(languageOf(options), key, options.hash);
  },
  /** `{{tk "status." status}}`: a message whose key is built from parts. */
  tk(prefix: string, value: string, options: HelperOptions): string {
    return translate(languageOf(options), `${prefix}${value}`, options.hash);
  },
  /**
   * `{{tkOr "training." code}}`: as tk, but a value with no message of its own (a school's
   * own requirement code) is shown as it is rather than failing the page.
   */
  tkOr(prefix: string, value: string, options: HelperOptions): string {
    const key = `${prefix}${value}`;
    return isMessageKey(key) ? translate(languageOf(options), key, options.hash) : value;
  },
  /** `{{day date}}`: "14 Ebrill 2026". Older templates pass the language too: `{{day date language}}`. */
  day(day: string | null, ...rest: unknown[]): string {
    const language = rest.length > 1 && LANGUAGES.includes(rest[0] as Language) ? (rest[0] as Language) : null;
    return day ? formatDay(day, language ?? languageOf(lastOptions(rest))) : '—';
  },
  untranslated,
  /** The title in the page's language as text: the Welsh one when there is one. */
  localTitle(title: string, titleCy: string | null | undefined, options: HelperOptions): string {
    return languageOf(options) === 'cy' && titleCy ? titleCy : title;
  },
  /** The same as HTML, the English title marked lang="en" on a Welsh page. */
  markedTitle(title: string, titleCy: string | null | undefined, options: HelperOptions): Handlebars.SafeString {
    const text = Handlebars.escapeExpression(LANGUAGE_HELPERS.localTitle(title, titleCy, options));
    return new Handlebars.SafeString(untranslated(titleCy, options) ? `<span lang="en">${text}</span>` : text);
  },
};
