import { ChangeDto } from '../change-log/change.dto';
import { isCalendarDay } from '../common/day';
import { formatDay } from '../common/format-day';
import { Language } from '../common/language';
import { isMessageKey, translate } from './i18n';

/** Fields never shown as changes: ids and bookkeeping the DSP did not type. */
const HIDDEN_FIELDS = new Set([
  'id',
  'schoolId',
  'recordedAt',
  'recordedById',
  'auditedById',
  'verifiedById',
  'passwordHash',
  'tokenVersion',
]);
const KNOWN_ENTITIES = ['staff', 'course', 'completion', 'needs-audit', 'school', 'user'];
const VERIFICATIONS = ['pending', 'verified', 'rejected'];
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

export interface ChangeNames {
  staff: Map<number, string>;
  courses: Map<number, { title: string; titleCy: string | null }>;
  users: Map<number, string>;
}

/** "27 Tachwedd 2026, 10:15": a moment in the page's language (the log keeps UTC). */
function moment(iso: string, language: Language): string {
  const [, day, time] = TIMESTAMP.exec(iso) ?? [];
  return day ? `${formatDay(day, language)}, ${time}` : iso;
}

/** A value as a reader of the page's language reads it: dates written out, yes or no, a check's outcome. */
function shown(value: unknown, language: Language): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return translate(language, value ? 'common.yes' : 'common.no');
  // JSON writes numbers and objects as they are stored.
  if (typeof value !== 'string') return JSON.stringify(value);
  if (TIMESTAMP.test(value)) return moment(value, language);
  if (VERIFICATIONS.includes(value)) return translate(language, `verification.${value}`);
  return isCalendarDay(value) ? formatDay(value, language) : value;
}

/** A field's name in the page's language; a field the catalogues do not know is shown as it is. */
function fieldLabel(field: string, language: Language): string {
  const key = `changes.field.${field}`;
  return isMessageKey(key) ? translate(language, key) : field;
}

/** Each field whose value differs between before and after. */
function changedFields(change: ChangeDto, language: Language) {
  if (change.action !== 'update' || !change.before || !change.after) return [];
  const before = change.before;
  const after = change.after;
  return Object.keys(after)
    .filter((field) => !HIDDEN_FIELDS.has(field) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({
      field: fieldLabel(field, language),
      before: shown(before[field], language),
      after: shown(after[field], language),
    }));
}

/** Who and which course a change is about: the member's name, the course's titles (Welsh one when there is one). */
function subjectOf(change: ChangeDto, names: ChangeNames) {
  const record = change.after ?? change.before ?? {};
  if (change.entity === 'staff')
    return {
      name: names.staff.get(change.entityId) ?? (typeof record.name === 'string' ? record.name : ''),
      course: null,
    };
  if (change.entity === 'course') {
    const known = names.courses.get(change.entityId);
    const title = typeof record.title === 'string' ? record.title : (known?.title ?? '');
    const titleCy = typeof record.titleCy === 'string' ? record.titleCy : (known?.titleCy ?? null);
    return { name: null, course: title ? { title, titleCy } : null };
  }
  const name = typeof record.staffId === 'number' ? (names.staff.get(record.staffId) ?? null) : null;
  const course = typeof record.courseId === 'number' ? (names.courses.get(record.courseId) ?? null) : null;
  return { name, course };
}

/** One row of the change-log page: who changed what, when, and each field before → after. */
export function changeRow(change: ChangeDto, names: ChangeNames, language: Language) {
  return {
    at: moment(change.at, language),
    who: change.userId === null ? null : (names.users.get(change.userId) ?? `#${change.userId}`),
    entity: KNOWN_ENTITIES.includes(change.entity) ? change.entity : 'other',
    action: change.action,
    subject: subjectOf(change, names),
    fields: changedFields(change, language),
  };
}
