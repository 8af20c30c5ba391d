import { NAMED_AUDIENCES, STAFF_ROLES } from '../compliance/compliance.types';
import { RequirementDto } from '../requirements/requirement.dto';
import { optionalText, tickBox, toInt } from './forms';

export const AUDIENCE_CHOICES = [...NAMED_AUDIENCES, 'custom'] as const;
export const ROLE_CHOICES = STAFF_ROLES;

/** How long a requirement's training counts: the school's annual refresh, the course's validity, or fixed months. */
export type RefreshChoice = 'annual' | 'course' | 'months';

/** Tick boxes of one name arrive as a string (one ticked), a list, or nothing. */
function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/**
 * The requirement form's fields as the API's DTO expects them. The online-safety
 * requirement's form has no audience or topics: they never change.
 */
export function requirementFormValues(
  body: Record<string, unknown>,
  options: { creating: boolean; fixedAudience: boolean },
): Record<string, unknown> {
  const values: Record<string, unknown> = {
    titleEn: optionalText(body.titleEn) ?? '',
    titleCy: optionalText(body.titleCy) ?? '',
    induction: tickBox(body.induction),
  };
  if (options.creating) values.code = optionalText(body.code) ?? '';
  if (!options.fixedAudience) {
    values.audience = body.audience === 'custom' ? listOf(body.roles) : body.audience;
    values.topics = listOf(body.topics);
  }
  const refresh = body.refresh as RefreshChoice;
  if (refresh === 'annual') values.followsAnnualRefresh = true;
  else if (refresh === 'course') Object.assign(values, { refreshMonths: null, followsAnnualRefresh: false });
  else Object.assign(values, { refreshMonths: toInt(body.refreshMonths), followsAnnualRefresh: false });
  return values;
}

/** What the form shows for a stored requirement, or for a new one. */
export function requirementFormDefaults(requirement?: RequirementDto): Record<string, unknown> {
  if (!requirement)
    return { audience: 'all-staff', roles: [], topics: [], refresh: 'annual', refreshMonths: '', induction: false };
  const custom = Array.isArray(requirement.audience);
  let refresh: RefreshChoice = 'months';
  if (requirement.followsAnnualRefresh) refresh = 'annual';
  else if (requirement.refreshMonths === null) refresh = 'course';
  return {
    ...requirement,
    audience: custom ? 'custom' : requirement.audience,
    roles: custom ? requirement.audience : [],
    refresh,
    refreshMonths: refresh === 'months' ? requirement.refreshMonths : '',
  };
}

/** The values as submitted, shown again beside the errors: nothing typed is lost. */
export function requirementFormRedisplay(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, roles: listOf(body.roles), topics: listOf(body.topics), induction: body.induction === 'on' };
}
