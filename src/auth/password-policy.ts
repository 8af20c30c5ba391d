import { ValidateBy, ValidationOptions } from 'class-validator';

export const MIN_PASSWORD_LENGTH = 12;

// The commonest long passwords from public breach lists: long is not enough if it is guessable.
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  'qwertyuiopas',
  'qwerty123456',
  'password1234',
  'password12345',
  'passwordpassword',
  'iloveyou1234',
  'abcdefghijkl',
  '111111111111',
  '000000000000',
  'aaaaaaaaaaaa',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'administrator',
  'football1234',
  'monkey123456',
  'qwertyqwerty',
  '1q2w3e4r5t6y',
  'passw0rd1234',
  'password123!',
  'trustno1trustno1',
  'sunshine1234',
]);

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'password is too common; choose another';
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
