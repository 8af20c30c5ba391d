import { dictionary } from '@zxcvbn-ts/language-common';
import { ValidateBy, ValidationOptions } from 'class-validator';

export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt's cost for every stored password hash (and the sign-in's stand-in hash for unknown emails). */
export const BCRYPT_ROUNDS = 10;
/** bcrypt reads only the first 72 bytes: a longer password would be accepted on its first 72 alone. */
export const MAX_PASSWORD_BYTES = 72;

/**
 * About 49,000 of the most used passwords from published breaches, shipped with
 * @zxcvbn-ts/language-common (MIT) and read from disk: no network at run time.
 */
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));

/** A common word padded to length with digits or symbols ("password1234", "sunshine!!!!") is as guessable. */
function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/, '').replace(/^[\d\W_]+/, '');
  return COMMON_PASSWORDS.has(lower) || (stem.length > 0 && COMMON_PASSWORDS.has(stem));
}

export function passwordProblem(password: string): string | null {
  if (password.trim() === '') return 'password must not be blank';
  if (password.length < MIN_PASSWORD_LENGTH) return `password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES)
    return `password must be at most ${MAX_PASSWORD_BYTES} bytes (about 72 letters; fewer with accents or emoji)`;
  if (isCommon(password)) return 'password is too common; choose another';
  return null;
}

export function IsStrongPassword(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStrongPassword',
      validator: {
        validate: (value) => typeof value === 'string' && passwordProblem(value) === null,
        defaultMessage: (args) =>
          (typeof args?.value === 'string' ? passwordProblem(args.value) : null) ?? 'password must be a string',
      },
    },
    options,
  );
}
