import { translate } from './i18n';

describe(translate.name, () => {
  it('gives each message in English and Welsh with placeholders filled', async () => {
    expect(translate('en', 'session.saved', { count: 3 })).toBe('3 completions recorded.');
    expect(translate('cy', 'status.lapsed')).toBe('Wedi dod i ben');
  });

  it('refuses an unknown key rather than showing it', async () => {
    expect(() => translate('en', 'no.such.key')).toThrow(/no.such.key/);
  });
});
