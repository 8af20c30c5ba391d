import { csvCell, toCsv } from './csv';

describe(csvCell.name, () => {
  it('quotes commas, quotes and new lines', () => {
    expect(csvCell('Jones, Ann')).toBe('"Jones, Ann"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it.each(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tcmd'])('neutralises the formula %s', (value) => {
    expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('leaves dates, numbers and empty cells alone', () => {
    expect(csvCell('2026-11-27')).toBe('2026-11-27');
    expect(csvCell(42.5)).toBe('42.5');
    expect(csvCell(null)).toBe('');
  });
});

describe(toCsv.name, () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [['1', null]])).toBe('a,b\r\n1,\r\n');
  });
});
