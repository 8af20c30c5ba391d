import { NotFoundException, PipeTransform } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min, ValidationOptions } from 'class-validator';

/** The largest id a database integer column holds (PostgreSQL `integer`). */
export const MAX_ID = 2_147_483_647;

/** An id as the URL gives it: digits only, and small enough for the database to look up. */
export function parseId(value: unknown): number | null {
  // The global ValidationPipe may already have turned the text into a number.
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  if (!/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= MAX_ID ? id : null;
}

/**
 * `@Param('id', new ParseIdPipe('staff member'))`: an id that cannot exist (text,
 * zero, beyond the database's integers) answers the same 404 as an unknown one,
 * never a 400 or a database error.
 */
export class ParseIdPipe implements PipeTransform<string, number> {
  constructor(private readonly what: string) {}

  transform(value: string): number {
    const id = parseId(value);
    if (id === null) throw new NotFoundException(`No ${this.what} with id ${String(value).slice(0, 20)}`);
    return id;
  }
}

/** An id in a body or query: a whole number the database can hold. */
export function IsId(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    IsInt(options),
    Min(1, { ...options, message: '$property must be an id (a whole number from 1)' }),
    Max(MAX_ID, { ...options, message: '$property: no record has an id this large' }),
  );
}
