import {
  AuditRecord,
  CompletionRecord,
  ComplianceSettings,
  SchoolRecords,
  StaffRecord,
} from '../../src/compliance/compliance.types';
import { DEFAULT_REQUIREMENTS } from '../../src/compliance/default-requirements';

let nextId = 1000;

export function buildStaffRecord(overrides: Partial<StaffRecord> = {}): StaffRecord {
  nextId += 1;
  return {
    id: nextId,
    name: `Member ${nextId}`,
    email: `member${nextId}@school.test`,
    language: 'en',
    jobTitle: null,
    startDate: '2020-09-01',
    leftOn: null,
    safeguardingRole: 'none',
    onlineSafetyGroup: false,
    seniorLeader: false,
    filteringLead: false,
    ...overrides,
  };
}

export function buildCompletionRecord(
  overrides: Partial<CompletionRecord> & Pick<CompletionRecord, 'staffId'>,
): CompletionRecord {
  return {
    courseId: 1,
    completedOn: '2026-06-01',
    expiresOn: '2027-06-01',
    validityMonths: 12,
    topics: ['online-safety'],
    courseContentReviewedOn: '2026-01-01',
    ...overrides,
  };
}

export function buildAuditRecord(overrides: Partial<AuditRecord> & Pick<AuditRecord, 'staffId'>): AuditRecord {
  return { auditedOn: '2026-06-01', needs: [], ...overrides };
}

export function buildSettings(overrides: Partial<ComplianceSettings> = {}): ComplianceSettings {
  return {
    annualRefreshMonths: 12,
    inductionWindowDays: 30,
    dueSoonDays: 30,
    coverageThresholdPercent: 90,
    trainingCoordinatorId: null,
    filteringReviewedOn: '2026-09-01',
    reminderOffsetsDays: [30, 7, 0],
    coordinatorCopyAfterDays: 28,
    expiryBasis: 'rolling',
    academicYearGraceDays: 30,
    ...overrides,
  };
}

export function buildRecords(overrides: Partial<SchoolRecords> = {}): SchoolRecords {
  return {
    settings: buildSettings(),
    staff: [],
    completions: [],
    audits: [],
    requirements: [...DEFAULT_REQUIREMENTS],
    ...overrides,
  };
}
