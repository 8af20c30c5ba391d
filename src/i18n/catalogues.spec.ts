import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../common/project-path';
import { LANGUAGES } from '../common/language';
import { GUIDANCE } from '../compliance/concerns/guidance';
import { CATALOGUES, PluralForms } from './translate';

function filesUnder(folder: string, pattern: RegExp): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return filesUnder(path, pattern);
    return pattern.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const placeholdersOf = (message: string | PluralForms) =>
  [...new Set([...JSON.stringify(message).matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();

/** Every source file and template that may name a message key. */
function sourceText(): string {
  const sources = [...filesUnder(projectPath('src'), /\.ts$/), ...filesUnder(projectPath('views'), /\.hbs$/)].filter(
    (file) => !file.endsWith(join('i18n', 'translate.ts')),
  );
  return sources.map((file) => readFileSync(file, 'utf8')).join('\n');
}

/**
 * Keys built at run time name only their family: `{{tk "status." status}}` (or `tkOr`) in a
 * template, `` `status.${status}` `` or `'status.' + x` in code.
 */
function dynamicPrefixes(text: string): string[] {
  const patterns = [/\btk(?:Or)?\s+"([\w.-]+\.)"/g, /`([\w.-]+\.)\$\{/g, /['"]([\w.-]+\.)['"]\s*\+/g];
  return [...new Set(patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1])))];
}

describe('message catalogues', () => {
  const english = CATALOGUES.en;

  it('have the same keys in every language', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(CATALOGUES[language]).sort()).toEqual(Object.keys(english).sort());
    }
  });

  it('give every key a message and a note for the translator', () => {
    for (const language of LANGUAGES) {
      const missing = Object.entries(CATALOGUES[language])
        .filter(([, entry]) => !entry.note.trim() || JSON.stringify(entry.message) === '""')
        .map(([key]) => `${language}:${key}`);
      expect(missing).toEqual([]);
    }
  });

  it('use the same placeholders in every language', () => {
    const differing = Object.keys(english).filter((key) =>
      LANGUAGES.some(
        (language) =>
          JSON.stringify(placeholdersOf(CATALOGUES[language][key].message)) !==
          JSON.stringify(placeholdersOf(english[key].message)),
      ),
    );
    expect(differing).toEqual([]);
  });

  it("give a counted phrase one sentence for each of its language's plural categories", () => {
    for (const language of LANGUAGES) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.sort();
      const incomplete = Object.entries(CATALOGUES[language])
        .filter(([, entry]) => typeof entry.message === 'object')
        .filter(([, entry]) => JSON.stringify(Object.keys(entry.message).sort()) !== JSON.stringify(categories))
        .map(([key]) => `${language}:${key}`);
      expect(incomplete).toEqual([]);
    }
  });

  it('counted phrases are counted in both languages or in neither', () => {
    const mixed = Object.keys(english).filter(
      (key) => new Set(LANGUAGES.map((language) => typeof CATALOGUES[language][key].message)).size > 1,
    );
    expect(mixed).toEqual([]);
  });

  it('hold no key that no page, email or service uses', () => {
    const text = sourceText();
    const prefixes = dynamicPrefixes(text);
    const unused = Object.keys(english).filter(
      (key) =>
        !text.includes(`'${key}'`) &&
        !text.includes(`"${key}"`) &&
        !prefixes.some((prefix) => key.startsWith(prefix) && !key.slice(prefix.length).includes('.')),
    );
    expect(unused).toEqual([]);
  });
});

describe('concerns in both languages', () => {
  it('give every concern a title and a next step in every language', () => {
    const missing = Object.keys(GUIDANCE).flatMap((code) =>
      LANGUAGES.flatMap((language) =>
        [`concern.${code}`, `concernAction.${code}`]
          .filter((key) => !CATALOGUES[language][key])
          .map((key) => `${language}:${key}`),
      ),
    );
    expect(missing).toEqual([]);
  });
});
