import { optionalText, tickBox } from './forms';

/**
 * The staff form's fields as the API's DTO expects them. On an edit an emptied
 * optional field is cleared (null); on an add it is simply not given.
 */
export function staffFormValues(body: Record<string, string>, editing: boolean): Record<string, unknown> {
  const optional = (value: unknown) => optionalText(value) ?? (editing ? null : undefined);
  return {
    name: typeof body.name === 'string' ? body.name.trim() : body.name,
    email: body.email,
    jobTitle: optional(body.jobTitle),
    startDate: typeof body.startDate === 'string' ? body.startDate.trim() : body.startDate,
    safeguardingRole: body.safeguardingRole,
    onlineSafetyGroup: tickBox(body.onlineSafetyGroup),
    seniorLeader: tickBox(body.seniorLeader),
    filteringLead: tickBox(body.filteringLead),
    language: body.language,
    misId: optional(body.misId),
  };
}
