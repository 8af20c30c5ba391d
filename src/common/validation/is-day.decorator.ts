import { ValidationOptions, ValidateBy, buildMessage } from 'class-validator';
import { isCalendarDay } from '../day';
import { EARLIEST_DAY } from './day-range';

/**
 * A real calendar day written `YYYY-MM-DD`, from 1900: `2026-02-30` and `0000-01-01` are refused.
 * Two rules, so that a real day too early is refused with its own code (`day-too-early`).
 */
export function IsDay(options?: ValidationOptions): PropertyDecorator {
  const year = EARLIEST_DAY.slice(0, 4);
  const realDay = ValidateBy(
    {
      name: 'isDay',
      validator: {
        validate: (value) => isCalendarDay(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a real date written YYYY-MM-DD`, options),
      },
    },
    options,
  );
  const fromEarliest = ValidateBy(
    {
      name: 'isDayFromEarliest',
      validator: {
        // A value that is no day at all is isDay's to refuse.
        validate: (value) => !isCalendarDay(value) || value >= EARLIEST_DAY,
        defaultMessage: buildMessage((each) => `${each}$property must be in ${year} or later`, options),
      },
    },
    { ...options, context: { code: 'day-too-early', params: { year } } },
  );
  return (target, property) => {
    realDay(target, property);
    fromEarliest(target, property);
  };
}
