import { BadRequestException, ValidationError } from '@nestjs/common';

/** Values a problem's message is filled with; days (YYYY-MM-DD) are written out in the reader's language. */
export type ProblemParams = Record<string, string | number>;

/**
 * One refusal. `message` is English, for the API; `code` (when there is one) names the
 * catalogue message `problem.<code>` that pages show in the reader's language, filled with `params`.
 */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
  params?: ProblemParams;
}

export function problem(field: string, code: string, params: ProblemParams, message: string): FieldError {
  return { field, message, code, params };
}

/** The one 400 body: `message` lists readable sentences, `errors` names each field. */
export function badRequest(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: errors.map((error) => error.message),
    errors,
  });
}

export function fieldError(field: string, message: string): BadRequestException {
  return badRequest([{ field, message }]);
}

/** Flattens class-validator's nested errors into `needs.0.topic`-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: parent ? `${field}: ${message}` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
