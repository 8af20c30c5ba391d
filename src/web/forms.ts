import { BadRequestException, ConflictException } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldError, flattenValidationErrors, ProblemParams, problemsOf } from '../common/errors/field-errors';
import { isCalendarDay } from '../common/day';
import { formatDay } from '../common/format-day';
import { Language } from '../common/language';
import { isMessageKey, translate } from './i18n';
import { findUnsafeText } from '../common/validation/safe-text';

export type FormResult<T> = { dto: T; errors?: undefined } | { dto?: undefined; errors: FieldError[] };

/** Checks a submitted form with the same DTO class the API uses. */
export async function validateForm<T extends object>(
  dtoClass: ClassConstructor<T>,
  plain: Record<string, unknown>,
): Promise<FormResult<T>> {
  const unsafe = findUnsafeText(plain);
  if (unsafe.length > 0) return { errors: unsafe };
  const dto = plainToInstance(dtoClass, plain);
  const errors = await validate(dto, { whitelist: true });
  return errors.length ? { errors: flattenValidationErrors(errors) } : { dto };
}

interface RefusalBody {
  errors?: FieldError[];
  message?: string | string[];
  code?: string;
  params?: ProblemParams;
}

/** The field errors a service refused with, so the form can show them; other errors pass on. */
export function formErrorsFrom(error: unknown): FieldError[] {
  if (!(error instanceof BadRequestException) && !(error instanceof ConflictException)) throw error;
  const carried = problemsOf(error);
  if (carried) return carried;
  const body = error.getResponse() as RefusalBody | string;
  if (typeof body === 'string') return [{ field: '', message: body }];
  const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? error.message);
  // A refusal of the whole request carries its own code; its `errors` then list rows, not fields.
  if (body.code) return [{ field: '', message, code: body.code, params: body.params }];
  if (Array.isArray(body.errors)) return body.errors;
  return [{ field: '', message }];
}

/** Days in a problem's values are written out in the reader's language. */
function wordedParams(language: Language, params: ProblemParams = {}): ProblemParams {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === 'string' && isCalendarDay(value) ? formatDay(value, language) : value,
    ]),
  );
}

/**
 * A refusal in the reader's language: the catalogue's wording of its code when it has
 * one, else what the field needs (class-validator's own sentences are English only).
 */
export function describeProblem(language: Language, error: Pick<FieldError, 'field' | 'code' | 'params'>): string {
  const coded = `problem.${error.code}`;
  if (error.code && isMessageKey(coded)) return translate(language, coded, wordedParams(language, error.params));
  const field = `field.${error.field.split('.')[0]}`;
  return translate(language, isMessageKey(field) ? field : 'field.other');
}

/** What a form template needs to show errors beside each field, in the page's language. */
export function formView(values: Record<string, unknown>, errors: FieldError[] = [], language: Language = 'en') {
  const explained = errors.map((error) => ({
    field: error.field.split('.')[0],
    message: describeProblem(language, error),
  }));
  const byField: Record<string, string> = {};
  for (const error of explained) byField[error.field] ??= error.message;
  return { values, errors: byField, errorList: explained };
}

/** Form fields arrive as strings: empty means "not given". */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * A tick box: ticked sends "on", unticked sends nothing. Anything else (a hand-made
 * form's "maybe") is passed on as it came, so the DTO's boolean rule refuses it naming the field.
 */
export function tickBox(value: unknown): unknown {
  if (value === undefined) return false;
  return value === 'on' ? true : value;
}

export function toInt(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}
