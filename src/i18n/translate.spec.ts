import { translate } from './translate';

describe(translate.name, () => {
  it('gives each message in English and Welsh with placeholders filled', () => {
    expect(translate('en', 'record.dueMessage', { date: '14 April 2026' })).toBe(
      'Online safety training expires on 14 April 2026.',
    );
    expect(translate('cy', 'status.lapsed')).toBe('Wedi dod i ben');
  });

  it('chooses a counted phrase by the English plural rules', () => {
    expect(translate('en', 'session.saved', { count: 1 })).toBe('1 completion recorded.');
    expect(translate('en', 'session.saved', { count: 3 })).toBe('3 completions recorded.');
  });

  it('chooses a counted phrase by the Welsh plural rules, with the numeral mutated as Welsh needs', () => {
    const saved = (count: number) => translate('cy', 'session.saved', { count });
    expect(saved(0)).toBe('Ni chafodd dim cofnod hyfforddiant ei gadw.');
    expect(saved(1)).toBe('Un cofnod hyfforddiant wedi’i gadw.');
    expect(saved(2)).toBe('Dau gofnod hyfforddiant wedi’u cadw.');
    expect(saved(3)).toBe('Tri chofnod hyfforddiant wedi’u cadw.');
    expect(saved(4)).toBe('4 cofnod hyfforddiant wedi’u cadw.');
    expect(saved(6)).toBe('Chwe chofnod hyfforddiant wedi’u cadw.');
    expect(saved(11)).toBe('11 cofnod hyfforddiant wedi’u cadw.');
  });

  it('uses the feminine numeral for a feminine noun', () => {
    expect(translate('cy', 'import.confirm', { count: 2 })).toBe('Mewnforio dwy res');
    expect(translate('cy', 'import.confirm', { count: 3 })).toBe('Mewnforio tair rhes');
  });

  it('refuses an unknown key rather than showing it', () => {
    expect(() => translate('en', 'no.such.key')).toThrow(/no.such.key/);
  });
});
