import { normaliseHeader, parseMisBoolean, parseMisDay, parseMisLanguage, parseMisRole, readMisCsv } from './mis-csv';

describe('mis-csv', () => {
  describe(normaliseHeader.name, () => {
    it.each([
      ['First Name', 'firstname'],
      ['START_DATE', 'startdate'],
      ['E-mail', 'email'],
      ['  mis id ', 'misid'],
    ])('%s → %s', async (header, expected) => {
      await expect(Promise.resolve(normaliseHeader(header))).resolves.toBe(expected);
    });
  });

  describe(parseMisDay.name, () => {
    it.each([
      ['2026-09-01', '2026-09-01'],
      ['01/09/2026', '2026-09-01'],
      ['1/9/2026', '2026-09-01'],
      ['29/02/2028', '2028-02-29'],
      ['29/02/2027', null],
      ['31/04/2026', null],
      ['09/01/26', null],
      ['2026-9-1', null],
      ['', null],
    ])('%s → %s', async (text, expected) => {
      await expect(Promise.resolve(parseMisDay(text))).resolves.toBe(expected);
    });
  });

  describe('cell values', () => {
    it('reads yes/no, roles and languages in the words MIS exports use, and nothing else', async () => {
      await expect(Promise.resolve(['Yes', 'n', 'TRUE', '0', 'maybe'].map(parseMisBoolean))).resolves.toEqual([
        true,
        false,
        true,
        false,
        null,
      ]);
      await expect(
        Promise.resolve(['DSP', 'Deputy DSP', 'deputy_dsp', 'deputy', 'None', 'head'].map(parseMisRole)),
      ).resolves.toEqual(['dsp', 'deputy-dsp', 'deputy-dsp', 'deputy-dsp', 'none', null]);
      await expect(Promise.resolve(['Cymraeg', 'welsh', 'EN', 'fr'].map(parseMisLanguage))).resolves.toEqual([
        'cy',
        'cy',
        'en',
        null,
      ]);
    });
  });

  describe(readMisCsv.name, () => {
    it('ignores columns it does not know, and numbers lines from the header as line 1', async () => {
      const csv =
        '\uFEFFPhone,Surname,Forename,Email,Start ' +
        'Date\n0123,Rees,Nia,nia@x.test,01/09/2025\n\n0124,Ap ' +
        'Huw,Ifan,ifan@x.test,2025-09-02\n';
      await expect(Promise.resolve(readMisCsv(csv, '2026-11-27'))).resolves.toEqual({
        rows: [
          { line: 2, values: { email: 'nia@x.test', name: 'Nia Rees', startDate: '2025-09-01' } },
          { line: 4, values: { email: 'ifan@x.test', name: 'Ifan Ap Huw', startDate: '2025-09-02' } },
        ],
        errors: [],
      });
    });

    it('refuses two columns that mean the same field', () => {
      expect(() => readMisCsv('email,e-mail address,name,start date\n', '2026-11-27')).toThrow(
        'repeats another column',
      );
    });
  });

  describe('refusals shared with the API and forms', () => {
    const header = 'email,name,start date,left on';
    const problems = (row: string) =>
      readMisCsv(`${header}\n${row}\n`, '2026-11-27').errors.map((error) => [error.field, error.message]);

    it('refuses control characters, bidirectional overrides and blank text in any cell', () => {
      expect(problems('a@x.test,Ann\u0007 Bell,2020-01-01,')).toEqual([
        ['name', 'Line 2: name must not contain control characters'],
      ]);
      expect(problems('a@x.test,Ann \u202eBell,2020-01-01,')).toEqual([
        ['name', 'Line 2: name must not contain bidirectional control characters'],
      ]);
    });

    it('refuses dates before 1900 and more than a year ahead', () => {
      expect(problems('a@x.test,Ann Bell,0999-01-01,')).toEqual([
        ['startDate', 'Line 2: startDate must be in 1900 or later'],
      ]);
      expect(problems('a@x.test,Ann Bell,2020-01-01,9999-01-01')).toEqual([
        ['leftOn', 'Line 2: leftOn 9999-01-01 is more than a year after today (at most 2027-11-27)'],
      ]);
      expect(problems('a@x.test,Ann Bell,2027-11-27,')).toEqual([]);
    });
  });

  describe('codes for the pages', () => {
    it('gives every refusal a code and its values, so a page can say it in Welsh', () => {
      const { errors } = readMisCsv(
        'email,name,start date,left on,language,safeguarding role,slt\n' +
          'not-an-email,,31/02/2020,2019-01-01,fr,head,maybe\n',
        '2026-11-27',
      );
      expect(errors.map(({ field, code, params }) => ({ field, code, params }))).toEqual([
        { field: 'email', code: 'mis-bad-email', params: { value: 'not-an-email' } },
        { field: 'name', code: 'mis-no-name', params: {} },
        { field: 'startDate', code: 'mis-bad-date', params: { value: '31/02/2020' } },
        { field: 'language', code: 'mis-bad-language', params: { value: 'fr' } },
        { field: 'safeguardingRole', code: 'mis-bad-role', params: { value: 'head' } },
        { field: 'seniorLeader', code: 'mis-bad-yes-no', params: { value: 'maybe' } },
      ]);
      expect(
        readMisCsv('email,name,start date,left on\na@x.test,Ann,2020-01-01,2030-01-01\n', '2026-11-27').errors,
      ).toEqual([
        expect.objectContaining({ code: 'day-too-late', params: { day: '2030-01-01', latest: '2027-11-27' } }),
      ]);
      expect(() => readMisCsv('name,start date\n', '2026-11-27')).toThrow(
        expect.objectContaining({ errors: [expect.objectContaining({ code: 'mis-no-email-column' })] }),
      );
    });
  });

  describe('rows wider than the header', () => {
    it('refuses the row, naming its line, instead of dropping the extra cells', () => {
      const { rows, errors } = readMisCsv(
        'email,name,start date\na@x.test,Ann Bell,2020-01-01,surprise\n',
        '2026-11-27',
      );
      expect(rows).toEqual([]);
      expect(errors).toEqual([
        {
          line: 2,
          field: 'file',
          message: 'Line 2: the row has 4 cells but the header has 3',
          code: 'mis-row-too-wide',
          params: { cells: 4, header: 3 },
        },
      ]);
    });
  });
});
