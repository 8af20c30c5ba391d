import { ValidateIf } from 'class-validator';

/**
 * May be left out, but not sent as null: unlike @IsOptional(), a null still meets
 * the other validators and is refused with a 400 naming the field.
 */
export const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);
