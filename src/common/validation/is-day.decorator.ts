import { ValidationOptions, ValidateBy, buildMessage } from 'class-validator';
import { isCalendarDay } from '../day';
import { EARLIEST_DAY } from './day-range';

/** A real calendar day written `YYYY-MM-DD`, from 1900: `2026-02-30` and `0000-01-01` are refused. */
export function IsDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDay',
      validator: {
        validate: (value) => isCalendarDay(value) && value >= EARLIEST_DAY,
        defaultMessage: buildMessage(
          (each, args) =>
            isCalendarDay(args?.value)
              ? `${each}$property must be in ${EARLIEST_DAY.slice(0, 4)} or later`
              : `${each}$property must be a real date written YYYY-MM-DD`,
          options,
        ),
      },
    },
    options,
  );
}
