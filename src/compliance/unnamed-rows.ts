import { StaffStanding, STATUS_SEVERITY, TrainingStatus } from './compliance.types';

/** A row governors see when the school keeps names from them: nothing that picks out one person. */
export interface UnnamedRow {
  status: TrainingStatus;
  expiresOn: string | null;
  overallStatus: TrainingStatus;
  /** Only the requirements every member has: one that applies to a role (the DSP) would point at them. */
  requirements: Record<string, TrainingStatus>;
}

/**
 * Unnamed rows come by overall status then expiry, never by name (or id, or role): in
 * name order, a governor who knows the staff list could put a name to each row, and a
 * role or job title alone can point at one person (there is one DSP). Rows that compare
 * equal are identical, so their order says nothing.
 */
export function unnamedRows(
  standings: readonly Pick<StaffStanding, 'status' | 'expiresOn' | 'overallStatus' | 'requirements'>[],
): UnnamedRow[] {
  return standings
    .map(({ status, expiresOn, overallStatus, requirements }) => ({
      status,
      expiresOn,
      overallStatus,
      requirements: Object.fromEntries(
        requirements
          .filter((own) => own.requirement.audience === 'all-staff')
          .map((own) => [own.requirement.code, own.status]),
      ),
    }))
    .sort(
      (a, b) =>
        STATUS_SEVERITY.indexOf(a.overallStatus) - STATUS_SEVERITY.indexOf(b.overallStatus) ||
        STATUS_SEVERITY.indexOf(a.status) - STATUS_SEVERITY.indexOf(b.status) ||
        (a.expiresOn ?? '').localeCompare(b.expiresOn ?? ''),
    );
}
