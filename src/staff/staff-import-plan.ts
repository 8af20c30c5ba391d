import { Day } from '../common/day';
import { MisRow, MisRowError, misRowError, MisStaffValues } from './mis-csv';
import { ProblemParams } from '../common/errors/field-errors';
import { StaffMember } from './staff-member.entity';

/**
 * What an MIS file would do to a school's staff list: pure, so the preview page and
 * the import itself are worked out by the same rules.
 */
export interface FieldChange {
  field: keyof MisStaffValues;
  before: unknown;
  after: unknown;
}

export interface StaffImportPlan {
  created: { line: number; values: MisStaffValues }[];
  updated: { line: number; member: StaffMember; changes: FieldChange[] }[];
  unchanged: { line: number; member: StaffMember }[];
  leavers: StaffMember[];
  errors: MisRowError[];
}

export interface PlanInput {
  rows: MisRow[];
  /** Every member of the school, leavers included (a returning leaver is matched, not duplicated). */
  schoolStaff: StaffMember[];
  markMissingAsLeavers: boolean;
  today: Day;
}

const FIELDS: (keyof MisStaffValues)[] = [
  'name',
  'email',
  'jobTitle',
  'startDate',
  'leftOn',
  'misId',
  'language',
  'safeguardingRole',
  'onlineSafetyGroup',
  'seniorLeader',
  'filteringLead',
];

const BOOLEAN_FIELDS: (keyof MisStaffValues)[] = ['onlineSafetyGroup', 'seniorLeader', 'filteringLead'];

export function planStaffImport(input: PlanInput): StaffImportPlan {
  const plan: StaffImportPlan = { created: [], updated: [], unchanged: [], leavers: [], errors: [] };
  const byMisId = new Map(input.schoolStaff.filter((m) => m.misId).map((m) => [m.misId!, m]));
  const byEmail = new Map(input.schoolStaff.map((m) => [m.email, m]));
  const matchedLine = new Map<number, number>();
  const emailLine = new Map<string, number>();
  const misIdLine = new Map<string, number>();
  for (const { line, values } of input.rows) {
    const fail = (field: string, code: string, message: string, params?: ProblemParams) =>
      plan.errors.push(misRowError(line, field, code, message, params));
    const member = (values.misId ? byMisId.get(values.misId) : undefined) ?? byEmail.get(values.email);
    const repeated = repeats(line, values, member, { emailLine, misIdLine, matchedLine });
    if (repeated) {
      fail(repeated.field, repeated.code, repeated.message, { line: repeated.line });
      continue;
    }
    const owner = byEmail.get(values.email);
    // Emails are unique within the school only: other schools' staff are not looked at.
    if (owner && owner !== member) {
      fail('email', 'mis-email-taken', `email ${values.email} already belongs to another staff member`);
      continue;
    }
    if (!member) {
      plan.created.push({ line, values });
      continue;
    }
    const changes = changesFor(member, values);
    const leftOn = changes.find((change) => change.field === 'leftOn')?.after ?? member.leftOn;
    const startDate = changes.find((change) => change.field === 'startDate')?.after ?? member.startDate;
    if (leftOn && (leftOn as string) < (startDate as string))
      fail('leftOn', 'mis-left-before-start', 'left on would be before the start date');
    else if (changes.length) plan.updated.push({ line, member, changes });
    else plan.unchanged.push({ line, member });
  }
  if (input.markMissingAsLeavers) plan.leavers = missingActiveStaff(input, new Set(matchedLine.keys()));
  plan.errors.sort((a, b) => a.line - b.line);
  return plan;
}

/** A second row for the same email, MIS id or stored member is refused, naming the first. */
function repeats(
  line: number,
  values: MisStaffValues,
  member: StaffMember | undefined,
  seen: { emailLine: Map<string, number>; misIdLine: Map<string, number>; matchedLine: Map<number, number> },
): { field: string; code: string; message: string; line: number } | null {
  const firstEmail = seen.emailLine.get(values.email);
  if (firstEmail)
    return {
      field: 'email',
      code: 'mis-repeats-line',
      message: `email ${values.email} repeats line ${firstEmail}`,
      line: firstEmail,
    };
  const firstMis = values.misId ? seen.misIdLine.get(values.misId) : undefined;
  if (firstMis)
    return {
      field: 'misId',
      code: 'mis-repeats-line',
      message: `mis id ${values.misId} repeats line ${firstMis}`,
      line: firstMis,
    };
  const firstMatch = member ? seen.matchedLine.get(member.id) : undefined;
  if (firstMatch)
    return {
      field: 'email',
      code: 'mis-same-member',
      message: `this is the same staff member as line ${firstMatch}`,
      line: firstMatch,
    };
  seen.emailLine.set(values.email, line);
  if (values.misId) seen.misIdLine.set(values.misId, line);
  if (member) seen.matchedLine.set(member.id, line);
  return null;
}

/** Only fields the file gives are compared: an absent column or empty cell keeps what is stored. */
function changesFor(member: StaffMember, values: MisStaffValues): FieldChange[] {
  return FIELDS.filter((field) => values[field] !== undefined)
    .map((field) => ({ field, before: stored(member, field), after: values[field] }))
    .filter((change) => change.before !== change.after);
}

function stored(member: StaffMember, field: keyof MisStaffValues): unknown {
  const value = member[field];
  // SQLite hands booleans back as 0 or 1.
  return BOOLEAN_FIELDS.includes(field) ? Boolean(value) : value;
}

function missingActiveStaff(input: PlanInput, matchedIds: Set<number>): StaffMember[] {
  return input.schoolStaff.filter(
    (member) =>
      !matchedIds.has(member.id) &&
      member.startDate <= input.today &&
      (member.leftOn === null || member.leftOn > input.today),
  );
}
