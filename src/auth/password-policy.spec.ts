import { passwordProblem } from './password-policy';

describe(passwordProblem.name, () => {
  it('refuses passwords under 12 characters', async () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
  });
  it('refuses common passwords whatever their case', async () => {
    expect(passwordProblem('Password1234')).toMatch(/too common/);
  });
  it('accepts a long uncommon passphrase', async () => {
    expect(passwordProblem('correct horse battery')).toBeNull();
  });
});
