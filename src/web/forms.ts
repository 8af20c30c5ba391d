import { BadRequestException, ConflictException, HttpException } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldError, flattenValidationErrors } from '../common/errors/field-errors';
import { Language } from '../common/language';
import { isMessageKey, translate } from './i18n';

export type FormResult<T> = { dto: T; errors?: undefined } | { dto?: undefined; errors: FieldError[] };

/** Checks a submitted form with the same DTO class the API uses. */
export async function validateForm<T extends object>(
  dtoClass: ClassConstructor<T>,
  plain: Record<string, unknown>,
): Promise<FormResult<T>> {
  const dto = plainToInstance(dtoClass, plain);
  const errors = await validate(dto, { whitelist: true, stopAtFirstError: true });
  return errors.length ? { errors: flattenValidationErrors(errors) } : { dto };
}

/** The field errors a service refused with, so the form can show them; other errors pass on. */
export function formErrorsFrom(error: unknown): FieldError[] {
  if (error instanceof BadRequestException) {
    const body = error.getResponse() as { errors?: FieldError[]; message?: string | string[] };
    if (Array.isArray(body.errors)) return body.errors;
    return [{ field: '', message: Array.isArray(body.message) ? body.message.join('; ') : String(body.message) }];
  }
  if (error instanceof ConflictException) return [{ field: '', message: (error as HttpException).message }];
  throw error;
}

/**
 * What a form template needs to show errors beside each field. English pages show
 * the rule that was broken; Welsh pages say, in Welsh, what the field needs.
 */
export function formView(values: Record<string, unknown>, errors: FieldError[] = [], language: Language = 'en') {
  const explained = errors.map((error) => {
    const field = error.field.split('.')[0];
    if (language === 'en') return { field, message: error.message };
    return { field, message: translate(language, isMessageKey(`field.${field}`) ? `field.${field}` : 'field.other') };
  });
  const byField: Record<string, string> = {};
  for (const error of explained) byField[error.field] ??= error.message;
  return { values, errors: byField, errorList: explained };
}

/** Form fields arrive as strings: empty means "not given". */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function toInt(value: unknown): number | unknown {
  return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}
