import { ChildNode, Element, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { CATALOGUES } from '../../src/i18n/translate';

/** A piece of a catalogue's English that must not show on a Welsh page or email. */
interface Probe {
  key: string;
  english: string;
  /** One word: only a whole text (a heading, a cell, a button) counts, not a word inside a sentence. */
  whole: boolean;
}

export interface Leak {
  where: string;
  key: string;
  english: string;
}

const EDGE_PUNCTUATION = /^[\s:;,.()“”"'’–—-]+|[\s:;,.()“”"'’–—-]+$/g;
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const formsOf = (message: string | Record<string, string>) =>
  typeof message === 'string' ? [message] : Object.values(message);

/**
 * Every English sentence, and every run of two or more words between placeholders, that
 * the Welsh catalogue does not also use (names of languages, "Staff", "CSV" are the same in both).
 */
function englishProbes(): Probe[] {
  const welsh = new Set(Object.values(CATALOGUES.cy).flatMap((entry) => formsOf(entry.message).map(collapse)));
  const probes = new Map<string, Probe>();
  for (const [key, entry] of Object.entries(CATALOGUES.en)) {
    for (const form of formsOf(entry.message)) {
      if (welsh.has(collapse(form))) continue;
      const fragments = form.split(/\{\w+\}/).map((part) => collapse(part).replace(EDGE_PUNCTUATION, ''));
      for (const fragment of fragments.filter(Boolean)) {
        if (welsh.has(fragment)) continue;
        const words = fragment.split(' ').length;
        if (words >= 2) probes.set(fragment, { key, english: fragment, whole: false });
        else if (fragments.length === 1 && !/^https?:/.test(fragment))
          probes.set(fragment, { key, english: fragment, whole: true });
      }
    }
  }
  return [...probes.values()];
}

const PROBES = englishProbes();
const READ_ATTRIBUTES = ['aria-label', 'title', 'alt', 'placeholder'];

/** The text a reader meets, outside any element marked lang="en": running text, and each text by itself. */
function readableText(html: string): { running: string; pieces: string[] } {
  const runs: string[] = [];
  const pieces: string[] = [];
  const visit = (nodes: ChildNode[], english: boolean) => {
    for (const node of nodes) {
      if (isText(node)) {
        if (!english) {
          runs.push(node.data);
          pieces.push(collapse(node.data));
        }
        continue;
      }
      if (!(node instanceof Element)) continue;
      if (['script', 'style'].includes(node.name)) continue;
      const lang = node.attribs.lang;
      const isEnglish = lang === undefined ? english : /^en\b/i.test(lang);
      if (!isEnglish) for (const name of READ_ATTRIBUTES) if (node.attribs[name]) pieces.push(node.attribs[name]);
      // A quoted English passage breaks the running text, so no match spans it.
      if (isEnglish && !english) runs.push(' ¦ ');
      visit(node.children, isEnglish);
    }
  };
  visit(parseDocument(html).children, false);
  return { running: collapse(runs.join(' ')), pieces: pieces.map(collapse).filter(Boolean) };
}

const wordBounded = (text: string, phrase: string) =>
  new RegExp(`(^|[^\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text);

/** Catalogue English found in a Welsh page or email, outside elements marked lang="en". */
export function englishLeaks(where: string, html: string): Leak[] {
  const { running, pieces } = readableText(html);
  const bare = new Set(pieces.map((piece) => piece.replace(EDGE_PUNCTUATION, '')));
  return PROBES.filter((probe) => (probe.whole ? bare.has(probe.english) : wordBounded(running, probe.english))).map(
    ({ key, english }) => ({ where, key, english }),
  );
}

/**
 * English names of ours (course titles with no Welsh title) found on a Welsh page outside
 * elements marked lang="en": a screen reader would read them with Welsh sounds.
 */
export function unmarkedEnglish(where: string, html: string, names: string[]): Leak[] {
  const { running } = readableText(html);
  return names
    .filter((name) => wordBounded(running, collapse(name)))
    .map((name) => ({ where, key: 'unmarked English name', english: name }));
}

/** The same for plain text (a text email, a CSV): every line is running text. */
export function englishLeaksInText(where: string, text: string): Leak[] {
  const lines = text.split(/\r?\n/).map(collapse).filter(Boolean);
  const cells = new Set(
    lines.flatMap((line) => [line, ...line.split(',')]).map((cell) => cell.replace(EDGE_PUNCTUATION, '')),
  );
  const running = lines.join(' ¦ ');
  return PROBES.filter((probe) => (probe.whole ? cells.has(probe.english) : wordBounded(running, probe.english))).map(
    ({ key, english }) => ({ where, key, english }),
  );
}

/** The HTML's text as a reader sees it, for comparing an email's two parts. */
export function visibleText(html: string): string {
  const texts: string[] = [];
  const visit = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (isText(node)) texts.push(node.data);
      else if (node instanceof Element && !['script', 'style', 'head'].includes(node.name)) visit(node.children);
    }
  };
  visit(parseDocument(html).children);
  return collapse(texts.join(''));
}
