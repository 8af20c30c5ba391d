import { Concern, ConcernCode } from '../compliance.types';
import { GUIDANCE, quoteFor } from './guidance';

/** A concern with its severity, guidance and action filled in from the guidance table. */
export function concern(
  code: ConcernCode,
  behind: { staffIds?: number[]; courseIds?: number[]; settings?: string[]; requirementCode?: string } = {},
): Concern {
  return {
    code,
    severity: GUIDANCE[code].severity,
    guidance: quoteFor(code),
    action: GUIDANCE[code].action,
    staffIds: [...new Set(behind.staffIds ?? [])].sort((a, b) => a - b),
    courseIds: [...new Set(behind.courseIds ?? [])].sort((a, b) => a - b),
    settings: behind.settings ?? [],
    requirementCode: behind.requirementCode ?? null,
  };
}
