import { isEmail } from 'class-validator';
import { parseCsv } from '../common/csv';
import { Day, isCalendarDay } from '../common/day';
import { LANGUAGES, Language } from '../common/language';
import { SAFEGUARDING_ROLES, SafeguardingRole } from './staff-member.entity';
import { dayRangeProblem } from '../common/validation/day-range';
import { unsafeTextReason } from '../common/validation/safe-text';
import { ProblemParams } from '../common/errors/field-errors';

/**
 * Reading a school MIS's staff export (SIMS, Arbor, Teacher Centre and others):
 * pure functions, no database. Each MIS names its columns its own way, so headers are
 * compared without case, spaces, underscores or hyphens, and common aliases are known.
 */

/** The staff fields an MIS file may set; an absent column leaves the stored value alone. */
export interface MisStaffValues {
  email: string;
  name: string;
  startDate: Day;
  jobTitle?: string;
  leftOn?: Day;
  misId?: string;
  language?: Language;
  safeguardingRole?: SafeguardingRole;
  onlineSafetyGroup?: boolean;
  seniorLeader?: boolean;
  filteringLead?: boolean;
}

export type MisField = keyof MisStaffValues | 'firstName' | 'lastName';

export interface MisRow {
  line: number;
  values: MisStaffValues;
}

/**
 * One refusal: `message` is English, for the API; pages show the catalogue's
 * `problem.<code>` filled with `params`, in the reader's language.
 */
export interface MisRowError {
  line: number;
  field: string;
  message: string;
  code: string;
  params?: ProblemParams;
}

/** A refusal on a line, its English message prefixed with the line as the API has always said it. */
export function misRowError(
  line: number,
  field: string,
  code: string,
  message: string,
  params: ProblemParams = {},
): MisRowError {
  return { line, field, message: `Line ${line}: ${message}`, code, params };
}

const ALIASES: Record<MisField, string[]> = {
  email: ['email', 'emailaddress', 'workemail', 'schoolemail', 'primaryemail'],
  name: ['name', 'fullname', 'staffname', 'displayname'],
  firstName: ['firstname', 'forename', 'givenname', 'preferredforename', 'legalforename'],
  lastName: ['lastname', 'surname', 'familyname', 'preferredsurname', 'legalsurname'],
  startDate: ['startdate', 'employmentstartdate', 'datestarted', 'dateofjoining', 'joiningdate'],
  jobTitle: ['jobtitle', 'post', 'position', 'roletitle'],
  leftOn: ['lefton', 'leavedate', 'leavingdate', 'enddate', 'dateleft', 'employmentenddate'],
  misId: ['misid', 'staffid', 'employeeid', 'personid', 'upn', 'staffcode', 'payrollnumber'],
  language: ['language', 'preferredlanguage', 'emaillanguage'],
  safeguardingRole: ['safeguardingrole'],
  onlineSafetyGroup: ['onlinesafetygroup'],
  seniorLeader: ['seniorleader', 'seniorleadershipteam', 'slt'],
  filteringLead: ['filteringlead', 'filteringandmonitoringlead'],
};

export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, '');
}

const FIELD_BY_HEADER = new Map<string, MisField>(
  (Object.entries(ALIASES) as [MisField, string[]][]).flatMap(([field, names]) =>
    names.map((name) => [name, field] as [string, MisField]),
  ),
);

/** `YYYY-MM-DD` or the UK's `DD/MM/YYYY` (one-digit day and month allowed); null when neither. */
export function parseMisDay(text: string): Day | null {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const day = uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : text;
  return isCalendarDay(day) ? day : null;
}

const TRUE_WORDS = ['yes', 'y', 'true', '1', 'ie', 'oes'];
const FALSE_WORDS = ['no', 'n', 'false', '0', 'na', 'nac oes'];

export function parseMisBoolean(text: string): boolean | null {
  const word = text.toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return null;
}

export function parseMisRole(text: string): SafeguardingRole | null {
  const role = text.toLowerCase().replace(/[\s_]+/g, '-');
  if (role === 'deputy') return 'deputy-dsp';
  return SAFEGUARDING_ROLES.find((known) => known === role) ?? null;
}

export function parseMisLanguage(text: string): Language | null {
  const word = text.toLowerCase();
  if (['english', 'saesneg'].includes(word)) return 'en';
  if (['welsh', 'cymraeg'].includes(word)) return 'cy';
  return LANGUAGES.find((known) => known === word) ?? null;
}

export class MisFileError extends Error {
  constructor(readonly errors: MisRowError[]) {
    super(errors.map((error) => error.message).join('; '));
  }
}

interface Header {
  columns: (MisField | null)[];
}

/** Maps each header cell to a field; unknown columns (an MIS exports many) are ignored. */
export function readHeader(cells: string[]): Header {
  const columns = cells.map((cell) => FIELD_BY_HEADER.get(normaliseHeader(cell)) ?? null);
  const errors: MisRowError[] = [];
  const seen = new Set<MisField>();
  columns.forEach((field, index) => {
    if (field && seen.has(field))
      errors.push(
        misRowError(1, field, 'mis-column-repeated', `column "${cells[index]}" repeats another column for ${field}`, {
          column: cells[index],
        }),
      );
    if (field) seen.add(field);
  });
  const hasName = seen.has('name') || (seen.has('firstName') && seen.has('lastName'));
  if (!seen.has('email')) errors.push(misRowError(1, 'email', 'mis-no-email-column', 'no email column'));
  if (!hasName)
    errors.push(misRowError(1, 'name', 'mis-no-name-column', 'no name column (or first name and last name columns)'));
  if (!seen.has('startDate'))
    errors.push(misRowError(1, 'startDate', 'mis-no-start-date-column', 'no start date column'));
  if (errors.length) throw new MisFileError(errors);
  return { columns };
}

/** Every data row as fields, and every bad cell with its line and field. */
export function readMisCsv(csv: string, today: Day): { rows: MisRow[]; errors: MisRowError[] } {
  // Parsed as every import is; the width and text checks below are per row and per field,
  // so one bad row is listed beside the others' errors instead of refusing the file at once.
  const table = parseCsv(csv);
  if ('code' in table) {
    const message = table.code === 'csv-empty' ? 'The file is empty' : `The CSV could not be read: ${table.reason}`;
    throw new MisFileError([{ line: 1, field: 'file', message, code: table.code }]);
  }
  const header = readHeader(table.header);
  const body = table.rows;
  if (body.length === 0)
    throw new MisFileError([
      { line: 2, field: 'file', message: 'The file has a header but no rows', code: 'csv-no-rows' },
    ]);
  const rows: MisRow[] = [];
  const errors: MisRowError[] = [];
  for (const { line, cells: record } of body) {
    // A cell past the header's last column belongs to no field: refuse the row rather than drop it.
    if (record.length > table.header.length) {
      const cellCounts = { cells: record.length, header: table.header.length };
      const message = `the row has ${record.length} cells but the header has ${table.header.length}`;
      errors.push(misRowError(line, 'file', 'mis-row-too-wide', message, cellCounts));
      continue;
    }
    const cells = new Map<MisField, string>();
    header.columns.forEach((field, index) => field && cells.set(field, record[index] ?? ''));
    const row = readRow(line, cells, today);
    if ('errors' in row) errors.push(...row.errors);
    else rows.push(row);
  }
  return { rows, errors };
}

function readRow(line: number, cells: Map<MisField, string>, today: Day): MisRow | { errors: MisRowError[] } {
  const errors: MisRowError[] = [];
  const problem: Problem = (field, code, message, params) =>
    errors.push(misRowError(line, field, code, message, params));
  // The same refusals as the API and the forms: text no person typed never reaches a page.
  for (const [field, value] of cells) {
    const reason = unsafeTextReason(value);
    if (reason) problem(field, 'mis-unsafe-text', `${field} ${reason}`);
  }
  const text = (field: MisField) => cells.get(field) ?? '';
  const email = text('email').toLowerCase();
  if (!isEmail(email) || email.length > 254)
    problem('email', 'mis-bad-email', `email "${text('email')}" is not a valid email address`, {
      value: text('email'),
    });
  const name = text('name') || [text('firstName'), text('lastName')].filter(Boolean).join(' ');
  if (!name) problem('name', 'mis-no-name', 'name is empty');
  else if (name.length > 200) problem('name', 'mis-too-long', 'name is longer than 200 characters', { max: 200 });
  const startDate = parseMisDay(text('startDate'));
  if (!startDate)
    problem(
      'startDate',
      'mis-bad-date',
      `start date "${text('startDate')}" is not a real date (YYYY-MM-DD or DD/MM/YYYY)`,
      {
        value: text('startDate'),
      },
    );
  const values: MisStaffValues = { email, name, startDate: startDate ?? '' };
  readOptional(cells, values, problem);
  if (values.leftOn && startDate && values.leftOn < startDate)
    problem('leftOn', 'mis-left-before-start', 'left on is before the start date');
  for (const [field, day] of [
    ['startDate', startDate],
    ['leftOn', values.leftOn],
  ] as const) {
    const outOfRange = day ? dayRangeProblem(field, day, 'planned', today) : null;
    if (outOfRange) problem(field, outOfRange.code!, outOfRange.message, outOfRange.params);
  }
  return errors.length ? { errors } : { line, values };
}

type Problem = (field: string, code: string, message: string, params?: ProblemParams) => void;

/** Optional columns: an empty cell means the MIS has no value, so the stored one is kept. */
function readOptional(cells: Map<MisField, string>, values: MisStaffValues, problem: Problem): void {
  const given = (field: MisField) => {
    const value = cells.get(field);
    return value === undefined || value === '' ? null : value;
  };
  const jobTitle = given('jobTitle');
  if (jobTitle !== null) {
    if (jobTitle.length > 200)
      problem('jobTitle', 'mis-too-long', 'job title is longer than 200 characters', { max: 200 });
    values.jobTitle = jobTitle;
  }
  const misId = given('misId');
  if (misId !== null) {
    if (misId.length > 50) problem('misId', 'mis-too-long', 'mis id is longer than 50 characters', { max: 50 });
    values.misId = misId;
  }
  const parsers: [keyof MisStaffValues, (text: string) => unknown, string, string][] = [
    ['leftOn', parseMisDay, 'mis-bad-date', 'is not a real date (YYYY-MM-DD or DD/MM/YYYY)'],
    ['language', parseMisLanguage, 'mis-bad-language', 'must be en or cy'],
    ['safeguardingRole', parseMisRole, 'mis-bad-role', 'must be dsp, deputy-dsp or none'],
    ['onlineSafetyGroup', parseMisBoolean, 'mis-bad-yes-no', 'must be yes or no'],
    ['seniorLeader', parseMisBoolean, 'mis-bad-yes-no', 'must be yes or no'],
    ['filteringLead', parseMisBoolean, 'mis-bad-yes-no', 'must be yes or no'],
  ];
  for (const [field, parseValue, code, rule] of parsers) {
    const raw = given(field);
    if (raw === null) continue;
    const value = parseValue(raw);
    if (value === null) problem(field, code, `${field} "${raw}" ${rule}`, { value: raw });
    else Object.assign(values, { [field]: value });
  }
}
