import { BadRequestException } from '@nestjs/common';

/** Deeper than any body the API takes (a needs audit is 2 levels), far short of what recursion chokes on. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Refuses a JSON body nested deeper than `max`, from its raw bytes and before it is
 * parsed: one pass, no recursion, and it stops at the first level too deep, so two
 * million nested arrays cost 33 bytes of work. Brackets inside strings do not count.
 */
export function assertJsonDepth(bytes: Uint8Array, max = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth += 1;
      if (depth > max) throw new BadRequestException(`The JSON body is nested more than ${max} levels deep`);
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth -= 1;
  }
}
