import { BadRequestException, StreamableFile } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { unsafeTextReason } from './validation/safe-text';

/**
 * Writes CSV for spreadsheets: every cell quoted where needed, and cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, carriage return) neutralised
 * with a leading apostrophe.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * A CSV to download as `fileName`. Its type and file name go out with the file only:
 * set by `@Header`, they also labelled an error answered instead (a 404's JSON saved as a .csv).
 */
export function csvDownload(text: string, fileName: string): StreamableFile {
  return new StreamableFile(Buffer.from(text, 'utf8'), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${fileName}"`,
  });
}

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface CsvLineError {
  line: number;
  message: string;
}

export interface CsvTable {
  /** The first row's cells, as written. */
  header: string[];
  /** Every other non-empty row, with the line it starts on (the header is line 1). */
  rows: { line: number; cells: string[] }[];
}

/**
 * A refused file: 400 with every bad line, in the import answer's shape, and a `code`
 * (with `params`) that pages word in the reader's language.
 */
export function csvRefused(
  message: string,
  errors: CsvLineError[] = [],
  code?: string,
  params: Record<string, string | number> = {},
): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, errors, code, params });
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const NEW_LINE = 0x0a;

/** The first line (from 1) whose bytes are not UTF-8, or null when all are. */
export function firstNonUtf8Line(bytes: Uint8Array): number | null {
  try {
    STRICT_UTF8.decode(bytes);
    return null;
  } catch {
    // Find the line: a newline byte never occurs inside a UTF-8 sequence, so lines decode alone.
  }
  let line = 1;
  let start = 0;
  for (let index = 0; index <= bytes.length; index += 1) {
    if (index < bytes.length && bytes[index] !== NEW_LINE) continue;
    try {
      STRICT_UTF8.decode(bytes.subarray(start, index));
    } catch {
      return line;
    }
    line += 1;
    start = index + 1;
  }
  return line;
}

/** Refuses bytes that are not UTF-8 (a Latin-1 export, say), naming the line, instead of importing "�". */
export function assertUtf8Csv(bytes: Uint8Array): void {
  const line = firstNonUtf8Line(bytes);
  if (line === null) return;
  const message = `Line ${line} is not UTF-8 text: save the file as "CSV UTF-8" and try again`;
  throw csvRefused(message, [{ line, message }], 'csv-not-utf8', { line });
}

/** A file's text, once its bytes are known to be UTF-8. */
export function decodeUtf8Csv(bytes: Uint8Array): string {
  assertUtf8Csv(bytes);
  return Buffer.from(bytes).toString('utf8');
}

/** Why a text is no CSV at all: it does not parse, or it has not even a header. */
export type CsvUnreadable = { code: 'csv-unreadable'; reason: string } | { code: 'csv-empty' };

/**
 * The one CSV parse every import uses: quotes, commas in fields, a byte-order mark, cells
 * trimmed, empty lines skipped, rows of any width (each reader says what a row wider than
 * its header means). Each reader words the refusal of an unreadable file its own way.
 */
export function parseCsv(text: string): CsvTable | CsvUnreadable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    return { code: 'csv-unreadable', reason: (error as Error).message };
  }
  if (records.length === 0) return { code: 'csv-empty' };
  const [{ record: header }, ...body] = records;
  return { header, rows: body.map(({ record, info }) => ({ line: info.lines, cells: record })) };
}

/**
 * Reads CSV text (see parseCsv). A row with more cells than the header is refused, never
 * cut short, and so is a cell with control or bidirectional-override characters: every
 * such line is listed.
 */
export function readCsv(text: string): CsvTable {
  const table = parseCsv(text);
  if ('code' in table) {
    throw table.code === 'csv-empty'
      ? csvRefused('The CSV is empty', [], 'csv-empty')
      : csvRefused(`The CSV could not be read: ${table.reason}`, [], 'csv-unreadable');
  }
  const { header, rows } = table;
  const tooWide = rows
    .filter((row) => row.cells.length > header.length)
    .map(({ line, cells }) => ({
      line,
      message: `Line ${line} has ${cells.length} cells, but the header has ${header.length}`,
    }));
  if (tooWide.length > 0) {
    throw csvRefused(
      `${tooWide.length} row${tooWide.length === 1 ? ' has' : 's have'} more cells than the ` +
        `header: nothing was imported`,
      tooWide,
      'csv-too-wide',
      { count: tooWide.length, lines: tooWide.map((row) => row.line).join(', ') },
    );
  }
  const unsafe = [{ line: 1, cells: header }, ...rows].flatMap(({ line, cells }) => {
    const reason = cells.map(unsafeTextReason).find((found) => found !== null);
    return reason ? [{ line, message: `Line ${line}: a cell ${reason}` }] : [];
  });
  if (unsafe.length > 0) {
    throw csvRefused(
      `${unsafe.length} line${unsafe.length === 1 ? '' : 's'} with unreadable text: nothing was imported`,
      unsafe,
    );
  }
  return { header, rows };
}
