import { passwordProblem } from './password-policy';

describe(passwordProblem.name, () => {
  it('refuses blank and whitespace-only passwords, however long', () => {
    expect(passwordProblem('')).toMatch(/blank/);
    expect(passwordProblem(' '.repeat(20))).toMatch(/blank/);
    expect(passwordProblem('\t\n \u00a0'.repeat(5))).toMatch(/blank/);
  });

  it('refuses passwords under 12 characters', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
  });

  it('refuses passwords over 72 bytes of UTF-8, which bcrypt would cut short', () => {
    expect(passwordProblem('a'.repeat(72))).toBeNull();
    expect(passwordProblem('a'.repeat(73))).toMatch(/at most 72 bytes/);
    // 37 two-byte letters: 37 characters, 74 bytes.
    expect(passwordProblem('ŵ'.repeat(37))).toMatch(/at most 72 bytes/);
  });

  it('refuses passwords from the shipped list of common ones, whatever their case', () => {
    for (const password of [
      'Password1234',
      'qwerty123456',
      '1q2w3e4r5t6y',
      'LEAVEMEALONE',
      'sunshine!!!!',
      '1234football',
    ])
      expect(passwordProblem(password)).toMatch(/too common/);
  });

  it('accepts a long uncommon passphrase', () => {
    expect(passwordProblem('correct horse battery')).toBeNull();
    expect(passwordProblem('a-long-test-password')).toBeNull();
  });
});
