import { readFileSync } from 'node:fs';
import { projectPath } from '../common/project-path';
import { Language, LANGUAGES } from '../common/language';
import type englishCatalogue from '../../views/locales/en.json';

/**
 * The words every page, email, chart and CSV shows live in views/locales/{en,cy}.json,
 * one entry per key: `{ "message": ..., "note": ... }`, the note telling the translator
 * where the words appear (README, "For translators"). A counted phrase's message is an
 * object with one sentence per plural category of its language (Welsh: zero, one, two,
 * few, many, other), chosen with Intl.PluralRules, never built by concatenation.
 */
export type MessageKey = keyof typeof englishCatalogue;
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export interface CatalogueEntry {
  message: string | PluralForms;
  note: string;
}
export type Catalogue = Record<string, CatalogueEntry>;

function isPluralForms(message: unknown): message is PluralForms {
  return typeof message === 'object' && message !== null && typeof (message as PluralForms).other === 'string';
}

function loadCatalogue(language: Language): Catalogue {
  const file = projectPath('views', 'locales', `${language}.json`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const [key, entry] of Object.entries(parsed)) {
    const { message, note } = (entry ?? {}) as Partial<CatalogueEntry>;
    if ((typeof message !== 'string' && !isPluralForms(message)) || typeof note !== 'string')
      throw new Error(`${file}: "${key}" needs a "message" (text or plural forms) and a "note"`);
  }
  return parsed as Catalogue;
}

/** Read once, when the module loads: a broken catalogue stops the start, not a page. */
export const CATALOGUES: Record<Language, Catalogue> = Object.fromEntries(
  LANGUAGES.map((language) => [language, loadCatalogue(language)]),
) as Record<Language, Catalogue>;

const PLURAL_RULES: Record<Language, Intl.PluralRules> = Object.fromEntries(
  LANGUAGES.map((language) => [language, new Intl.PluralRules(language)]),
) as Record<Language, Intl.PluralRules>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(CATALOGUES.en, key);
}

/** The sentence for `count` in this language's plural category (falls back to "other"). */
function chooseForm(language: Language, forms: PluralForms, count: unknown): string {
  const category = PLURAL_RULES[language].select(Number(count));
  return forms[category] ?? forms.other;
}

/**
 * A message in the page's language, with {name} placeholders filled in. A plural
 * message is chosen by `values.count`.
 */
export function translate(language: Language, key: string, values: Record<string, unknown> = {}): string {
  if (!isMessageKey(key)) throw new Error(`No message "${key}"`);
  const entry = CATALOGUES[language][key] ?? CATALOGUES.en[key];
  const message = isPluralForms(entry.message) ? chooseForm(language, entry.message, values.count) : entry.message;
  return message.replace(/\{(\w+)\}/g, (_match, name: string) => asText(values[name]));
}

/** A placeholder's value as text: numbers and strings as they are, anything else left out. */
function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
