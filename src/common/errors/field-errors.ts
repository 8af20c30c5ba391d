import { BadRequestException, ValidationError } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
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
