import { formatDay } from '../common/format-day';
import { FieldChange, StaffImportPlan } from '../staff/staff-import-plan';
import { Language } from '../common/language';
import { translate } from './i18n';
import { describeProblem } from './forms';

/** A stored or imported value as the DSP reads it, in the page's language. */
function shown(field: FieldChange['field'], value: unknown, language: Language): string {
  if (value === null || value === undefined || value === '') return translate(language, 'common.none');
  if (typeof value === 'boolean') return translate(language, value ? 'common.yes' : 'common.no');
  if (field === 'startDate' || field === 'leftOn') return formatDay(textOf(value), language);
  if (field === 'safeguardingRole') return translate(language, `record.role.${textOf(value)}`);
  if (field === 'language') return translate(language, `staff.language.${textOf(value)}`);
  return textOf(value);
}

/** Numbers as digits, strings as they are: what the MIS file or the stored record held. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The preview page's view of an import plan: who is added, what changes (before → after), who leaves. */
export function staffImportPreview(plan: StaffImportPlan, language: Language) {
  return {
    created: plan.created.map(({ line, values }) => ({ line, name: values.name, email: values.email })),
    updated: plan.updated.map(({ line, member, changes }) => ({
      line,
      id: member.id,
      name: member.name,
      changes: changes.map((change) => ({
        field: change.field,
        before: shown(change.field, change.before, language),
        after: shown(change.field, change.after, language),
      })),
    })),
    unchanged: plan.unchanged.length,
    leavers: plan.leavers.map((member) => ({ id: member.id, name: member.name })),
    // Each bad line's problem in the page's language; the column by its name in that language.
    errors: plan.errors.map((error) => ({
      line: error.line,
      field: error.field,
      message: describeProblem(language, error),
    })),
  };
}
