import { redactPersonalData } from './redact';

describe(redactPersonalData.name, () => {
  it('hides email addresses in any message', () => {
    expect(redactPersonalData('550 5.1.1 <ann.jones@school.example>: Recipient address rejected')).toBe(
      '550 5.1.1 <[email]>: Recipient address rejected',
    );
    expect(redactPersonalData('no address here')).toBe('no address here');
  });
});
