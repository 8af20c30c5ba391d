import { ChangeDto } from '../change-log/change.dto';

/** Fields never shown as changes: ids and bookkeeping the DSP did not type. */
const HIDDEN_FIELDS = new Set(['id', 'schoolId', 'recordedAt', 'recordedById', 'auditedById', 'passwordHash']);
const KNOWN_ENTITIES = ['staff', 'course', 'completion', 'needs-audit', 'school', 'user'];

export interface ChangeNames {
  staff: Map<number, string>;
  courses: Map<number, string>;
  users: Map<number, string>;
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Each field whose value differs between before and after. */
function changedFields(change: ChangeDto) {
  if (change.action !== 'update' || !change.before || !change.after) return [];
  const before = change.before;
  const after = change.after;
  return Object.keys(after)
    .filter((field) => !HIDDEN_FIELDS.has(field) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: shown(before[field]), after: shown(after[field]) }));
}

/** Who or what a change is about, in words: the member's name, the course title. */
function subjectOf(change: ChangeDto, names: ChangeNames): string {
  const record = change.after ?? change.before ?? {};
  if (change.entity === 'staff') return names.staff.get(change.entityId) ?? String(record.name ?? '');
  if (change.entity === 'course') return String(record.title ?? names.courses.get(change.entityId) ?? '');
  const staffName = typeof record.staffId === 'number' ? names.staff.get(record.staffId) : undefined;
  const courseTitle = typeof record.courseId === 'number' ? names.courses.get(record.courseId) : undefined;
  return [staffName, courseTitle].filter(Boolean).join(': ');
}

/** One row of the change-log page: who changed what, when, and each field before → after. */
export function changeRow(change: ChangeDto, names: ChangeNames) {
  return {
    at: change.at.slice(0, 16).replace('T', ' '),
    who: change.userId === null ? null : (names.users.get(change.userId) ?? `#${change.userId}`),
    entity: KNOWN_ENTITIES.includes(change.entity) ? change.entity : 'other',
    action: change.action,
    subject: subjectOf(change, names),
    fields: changedFields(change),
  };
}
