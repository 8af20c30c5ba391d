import { ValidationOptions, ValidateBy, buildMessage } from 'class-validator';
import { isCalendarDay } from '../day';

/** A real calendar day written `YYYY-MM-DD`: `2026-02-30` is refused. */
export function IsDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDay',
      validator: {
        validate: (value) => isCalendarDay(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a real date written YYYY-MM-DD`, options),
      },
    },
    options,
  );
}
