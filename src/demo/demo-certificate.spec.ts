import { certificateKind } from '../completions/certificate-file';
import { demoCertificatePdf } from './demo-certificate';

describe(demoCertificatePdf.name, () => {
  const pdf = demoCertificatePdf(['Certificate of completion', 'Rhodri Evans (Ysgol)']);
  const text = pdf.toString('latin1');

  it('is recognised as a PDF by its bytes', () => {
    expect(certificateKind(pdf)).toEqual({ contentType: 'application/pdf', extension: 'pdf' });
  });

  it('points its cross-reference table at each object', () => {
    const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, index) => expect(text.slice(offset)).toMatch(new RegExp(`^${index + 1} 0 obj`)));
    const startxref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
  });

  it('escapes parentheses so the text cannot end its string early', () => {
    expect(text).toContain('Rhodri Evans \\(Ysgol\\)');
  });
});
