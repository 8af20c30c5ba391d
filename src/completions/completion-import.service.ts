import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { scopeFor } from '../auth/scope';
import { ClockService } from '../clock/clock.service';
import { readCsv } from '../common/csv';
import { isCalendarDay } from '../common/day';
import { Course } from '../courses/course.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { completionKey, completionProblems, courseUsableBy } from './completion-rules';
import { ImportResultDto, ImportRowErrorDto, RowProblemDto } from './completion.dto';
import { CompletionsService, NewCompletion } from './completions.service';
import { chunksOf } from '../common/chunks';

const REQUIRED_COLUMNS = ['email', 'course', 'completed_on'];
const COLUMNS = [...REQUIRED_COLUMNS, 'evidence'];

export interface ImportPreview {
  rows: { line: number; email: string; course: string; completedOn: string; evidence: string }[];
  errors: ImportRowErrorDto[];
}

/** A refusal of the whole file, with a code the pages translate. */
function fileRefused(code: string, params: Record<string, string | number>, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, code, params });
}

/** One row's problems, in English for the API and as codes for the pages. */
class RowProblems {
  readonly english: string[] = [];
  readonly coded: RowProblemDto[] = [];

  add(code: string, params: Record<string, string | number>, english: string): void {
    this.english.push(english);
    this.coded.push({ code, params });
  }

  get count(): number {
    return this.coded.length;
  }
}

interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/** CSV import of completions: every row is checked, then all are saved or none. */
@Injectable()
export class CompletionImportService {
  constructor(
    @InjectRepository(StaffMember) private readonly staff: Repository<StaffMember>,
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    private readonly completions: CompletionsService,
    private readonly clock: ClockService,
  ) {}

  /** Every row as read, and every bad row, without saving: the page's preview. */
  async preview(user: AuthUser, csv: unknown): Promise<ImportPreview> {
    const rows = this.parse(csv);
    const { errors } = await this.check(user, rows);
    return {
      rows: rows.map(({ line, cells }) => ({
        line,
        email: cells.email,
        course: cells.course,
        completedOn: cells.completed_on,
        evidence: cells.evidence ?? '',
      })),
      errors,
    };
  }

  async import(user: AuthUser, csv: unknown, dryRun: boolean): Promise<ImportResultDto> {
    const rows = this.parse(csv);
    const { items, errors } = await this.check(user, rows);
    if (errors.length > 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `${errors.length} bad row${errors.length === 1 ? '' : 's'}: nothing was imported`,
        code: 'import-bad-rows',
        params: { count: errors.length },
        errors,
      });
    }
    if (!dryRun) await this.completions.save(user, items);
    return { dryRun, rows: rows.length, imported: dryRun ? 0 : items.length, errors: [] };
  }

  private parse(csv: unknown): CsvRow[] {
    if (typeof csv !== 'string' || csv.trim() === '') {
      throw fileRefused('csv-empty', {}, 'Send the CSV as the request body with Content-Type: text/csv');
    }
    const { header, rows } = readCsv(csv);
    const columns = header.map((name) => name.toLowerCase());
    const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
    const unknown = columns.filter((name) => !COLUMNS.includes(name));
    if (missing.length || unknown.length) {
      throw fileRefused(
        'csv-bad-header',
        { columns: COLUMNS.join(','), missing: missing.join(', ') || '—', unknown: unknown.join(', ') || '—' },
        `Line 1: the header must be ${COLUMNS.join(',')} (missing: ` +
          `${missing.join(', ') || 'none'}; unknown: ${unknown.join(', ') || 'none'})`,
      );
    }
    if (rows.length === 0) throw fileRefused('csv-no-rows', {}, 'The CSV has a header but no rows');
    return rows.map(({ line, cells }) => ({
      line,
      cells: Object.fromEntries(columns.map((name, index) => [name, cells[index] ?? ''])),
    }));
  }

  private async check(
    user: AuthUser,
    rows: CsvRow[],
  ): Promise<{ items: NewCompletion[]; errors: ImportRowErrorDto[] }> {
    const { schoolId } = scopeFor(user, { kind: 'people', intent: 'write' });
    const staffByEmail = await this.staffInScope(schoolId, rows);
    const courses = await this.courses.find({
      where: schoolId === undefined ? {} : [{ schoolId: IsNull() }, { schoolId }],
    });
    const today = this.clock.today();
    const errors: ImportRowErrorDto[] = [];
    const items: (NewCompletion & { line: number })[] = [];
    for (const { line, cells } of rows) {
      const problems = new RowProblems();
      const matches = staffByEmail.get(cells.email.toLowerCase()) ?? [];
      const staff = matches.length === 1 ? matches[0] : undefined;
      if (matches.length === 0)
        problems.add(
          'import-no-staff',
          { email: cells.email },
          `no staff member with email "${cells.email}" in your school`,
        );
      if (matches.length > 1)
        problems.add(
          'import-email-several-schools',
          { email: cells.email },
          `staff at more than one school have email "${cells.email}": record it on the member's own record`,
        );
      const course = staff ? this.findCourse(courses, cells.course, staff.schoolId, problems) : undefined;
      if (!isCalendarDay(cells.completed_on))
        problems.add(
          'import-bad-date',
          { value: cells.completed_on },
          `completed_on "${String(cells.completed_on)}" is not a real date written YYYY-MM-DD`,
        );
      if ((cells.evidence ?? '').length > 500)
        problems.add('import-evidence-too-long', {}, 'evidence is longer than 500 characters');
      if (staff && course && problems.count === 0) {
        for (const found of completionProblems(staff, course, cells.completed_on, today))
          problems.add(found.code ?? 'invalid', found.params ?? {}, found.message);
      }
      if (problems.count > 0)
        errors.push({ line, message: `Line ${line}: ${problems.english.join('; ')}`, problems: problems.coded });
      else
        items.push({
          line,
          staff: staff!,
          course: course!,
          completedOn: cells.completed_on,
          evidence: cells.evidence || null,
        });
    }
    errors.push(...(await this.duplicates(items)));
    return { items, errors: errors.sort((a, b) => a.line - b.line) };
  }

  /** A row repeating an earlier row, or a completion already stored, is a bad row. */
  private async duplicates(items: (NewCompletion & { line: number })[]): Promise<ImportRowErrorDto[]> {
    const stored = await this.completions.existingKeys(this.staff.manager, items);
    const firstLine = new Map<string, number>();
    const errors: ImportRowErrorDto[] = [];
    for (const item of items) {
      const key = completionKey(item.staff.id, item.course.id, item.completedOn);
      if (stored.has(key))
        errors.push({
          line: item.line,
          message: `Line ${item.line}: this completion is already recorded`,
          problems: [{ code: 'import-already-recorded', params: {} }],
        });
      else if (firstLine.has(key))
        errors.push({
          line: item.line,
          message: `Line ${item.line}: repeats line ${firstLine.get(key)}`,
          problems: [{ code: 'import-repeats-line', params: { line: firstLine.get(key)! } }],
        });
      else firstLine.set(key, item.line);
    }
    return errors;
  }

  /**
   * The rows' staff by email, within the caller's school. An admin's import may name any
   * school's staff, and an email is unique only within a school, so it may find several.
   */
  private async staffInScope(schoolId: number | undefined, rows: CsvRow[]): Promise<Map<string, StaffMember[]>> {
    const emails = [...new Set(rows.map((row) => row.cells.email.toLowerCase()))];
    const found = new Map<string, StaffMember[]>();
    for (const chunk of chunksOf(emails)) {
      for (const member of await this.staff.findBy({ email: In(chunk), schoolId }))
        found.set(member.email, [...(found.get(member.email) ?? []), member]);
    }
    return found;
  }

  /** A course by id or by title; a title shared by several courses must be given as an id. */
  private findCourse(
    courses: Course[],
    reference: string,
    schoolId: number,
    problems: RowProblems,
  ): Course | undefined {
    const usable = courses.filter((course) => courseUsableBy(course, schoolId));
    const byId = /^\d+$/.test(reference) ? usable.filter((course) => course.id === Number(reference)) : [];
    const named = (title: string | null) => title?.trim().toLowerCase() === reference.toLowerCase();
    // A Welsh-medium school may write the course's Welsh title.
    const byTitle = usable.filter((course) => named(course.title) || named(course.titleCy));
    const matches = byId.length
      ? byId
      : byTitle.filter((course) => !course.retired).length
        ? byTitle.filter((course) => !course.retired)
        : byTitle;
    if (matches.length === 1) return matches[0];
    if (matches.length === 0) problems.add('import-no-course', { course: reference }, `no course "${reference}"`);
    else
      problems.add(
        'import-course-ambiguous',
        { course: reference },
        `more than one course is called "${reference}"; give its id`,
      );
    return undefined;
  }
}
