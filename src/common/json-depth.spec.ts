import { BadRequestException } from '@nestjs/common';
import { assertJsonDepth, MAX_JSON_DEPTH } from './json-depth';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe(assertJsonDepth.name, () => {
  it('accepts bodies up to the limit', () => {
    expect(() => assertJsonDepth(bytes(nested(MAX_JSON_DEPTH)))).not.toThrow();
    expect(() => assertJsonDepth(bytes('{"needs":[{"topic":"online-safety"}]}'))).not.toThrow();
  });

  it('refuses one level more, arrays or objects', () => {
    expect(() => assertJsonDepth(bytes(nested(MAX_JSON_DEPTH + 1)))).toThrow(BadRequestException);
    expect(() => assertJsonDepth(bytes('{"a":'.repeat(33) + '1' + '}'.repeat(33)))).toThrow(/nested more than 32/);
  });

  it('counts levels, not brackets: siblings at one level are fine', () => {
    expect(() => assertJsonDepth(bytes(`[${'[1],'.repeat(10_000)}[1]]`))).not.toThrow();
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(() => assertJsonDepth(bytes(JSON.stringify({ name: '['.repeat(100) })), 2)).not.toThrow();
    expect(() => assertJsonDepth(bytes(JSON.stringify({ name: '\\"' + '{'.repeat(100) })), 2)).not.toThrow();
  });

  it('stops at the first level too deep, whatever follows', () => {
    const started = Date.now();
    expect(() => assertJsonDepth(bytes('['.repeat(2_000_000)))).toThrow(BadRequestException);
    expect(Date.now() - started).toBeLessThan(100);
  });
});
