import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, problem, refusal } from '../errors/field-errors';

// C0 controls other than tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Embeddings, overrides and isolates: they reorder how text around them is shown ("Trojan Source"). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Keys that reach an object's prototype rather than a field. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const BLANK = 'must not be blank';

/** Why a piece of text cannot be stored and shown on a page, or null when it can. */
export function unsafeTextReason(text: string): string | null {
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (BIDI_CONTROL.test(text)) return 'must not contain bidirectional control characters';
  if (text.length > 0 && text.trim() === '') return BLANK;
  return null;
}

/**
 * Characters no keyboard types are said as such; only spaces is left to the field's own
 * wording on a page ("Say why you cannot accept it"), which says what to write instead.
 */
function unsafeTextProblem(field: string, reason: string): FieldError {
  const message = `${field} ${reason}`;
  return reason === BLANK ? { field, message } : problem(field, 'text-control-characters', {}, message);
}

/**
 * Every string in a request, at any depth, checked for text no person typed (control
 * characters, bidirectional overrides, only spaces), and every key for names that
 * reach the prototype: so every free-text field, today's and tomorrow's, is covered.
 * Iterative, and bodies are at most 32 levels deep anyway.
 */
export function findUnsafeText(value: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const pending: [string, unknown][] = [['', value]];
  while (pending.length > 0) {
    const [path, current] = pending.pop()!;
    if (typeof current === 'string') {
      const reason = unsafeTextReason(current);
      if (reason) problems.push(unsafeTextProblem(path, reason));
    } else if (current !== null && typeof current === 'object') {
      for (const key of Object.keys(current)) {
        const field = path ? `${path}.${key}` : key;
        if (FORBIDDEN_KEYS.has(key)) problems.push({ field, message: `property ${field} should not exist` });
        else pending.push([field, (current as Record<string, unknown>)[key]]);
      }
    }
  }
  return problems.sort((a, b) => a.field.localeCompare(b.field));
}

const PLAIN_TYPES = new Set<unknown>([undefined, Object, String, Array, Buffer]);

/**
 * Refuses unsafe text in API bodies before their DTO sees them (400 naming each
 * field). Only bodies read into a DTO class: a raw CSV is checked line by line by its
 * importer, and a page's form by validateForm, which shows the error beside the field.
 */
@Injectable()
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || PLAIN_TYPES.has(metadata.metatype)) return value;
    if (typeof value !== 'object' || value === null) return value;
    const problems = findUnsafeText(value);
    if (problems.length > 0) throw refusal(...problems);
    return value;
  }
}
