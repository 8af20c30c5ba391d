import { Day } from '../common/day';
import { Topic } from '../courses/course.entity';
import { TrainingNeed } from '../needs-audits/needs-audit.entity';
import { Language } from '../common/language';
import { SafeguardingRole } from '../staff/staff-member.entity';

/** What the rules need to know, loaded for one school: no database or clock in the rules. */
export interface StaffRecord {
  id: number;
  name: string;
  email: string;
  language: Language;
  jobTitle: string | null;
  startDate: Day;
  leftOn: Day | null;
  safeguardingRole: SafeguardingRole;
  onlineSafetyGroup: boolean;
}

export interface CompletionRecord {
  staffId: number;
  courseId: number;
  completedOn: Day;
  expiresOn: Day;
  topics: Topic[];
  courseContentReviewedOn: Day;
  /** Training from before the member started (absent = false): counts for currency, never for induction. */
  prior?: boolean;
}

export interface AuditRecord {
  staffId: number;
  auditedOn: Day;
  needs: TrainingNeed[];
}

export interface ComplianceSettings {
  annualRefreshMonths: number;
  inductionWindowDays: number;
  dueSoonDays: number;
  coverageThresholdPercent: number;
  trainingCoordinatorId: number | null;
  filteringReviewedOn: Day | null;
  reminderOffsetsDays: number[];
  coordinatorCopyAfterDays: number;
}

export interface SchoolRecords {
  settings: ComplianceSettings;
  /** Every staff member the school has, leavers and future starters included. */
  staff: StaffRecord[];
  completions: CompletionRecord[];
  audits: AuditRecord[];
}

export const STATUSES = ['current', 'due-soon', 'induction-due', 'induction-overdue', 'lapsed', 'never'] as const;
export type TrainingStatus = (typeof STATUSES)[number];

export interface StaffStanding {
  staff: StaffRecord;
  status: TrainingStatus;
  /** The latest expiry among their online-safety completions. */
  expiresOn: Day | null;
  /** For DSPs and deputies: the latest expiry of dsp-advanced training. */
  dspAdvancedExpiresOn: Day | null;
  hasCurrentDspAdvanced: boolean;
}

export type Severity = 'high' | 'medium' | 'low';

export const CONCERN_CODES = [
  'dsp-training',
  'no-online-safety-lead',
  'low-coverage',
  'untrained-staff',
  'not-annual',
  'needs-unmet',
  'outdated-materials',
  'no-coordinator',
  'induction-gap',
  'filtering-review',
  'single-expert',
] as const;
export type ConcernCode = (typeof CONCERN_CODES)[number];

export interface Concern {
  code: ConcernCode;
  severity: Severity;
  /** The guidance point it answers, quoted and attributed. */
  guidance: string;
  /** What a DSP can do about it. */
  action: string;
  staffIds: number[];
  courseIds: number[];
  settings: string[];
}

/** The facts every concern rule reads, computed once per school and day. */
export interface ConcernContext {
  today: Day;
  settings: ComplianceSettings;
  allStaff: StaffRecord[];
  standings: StaffStanding[];
  completions: CompletionRecord[];
  completionsByStaff: Map<number, CompletionRecord[]>;
  audits: AuditRecord[];
  percentCurrent: number | null;
}

export interface ComplianceReport {
  asOf: Day;
  activeStaff: number;
  counts: StatusCounts;
  percentCurrent: number | null;
  standings: StaffStanding[];
  concerns: Concern[];
}

export interface StatusCounts {
  current: number;
  dueSoon: number;
  lapsed: number;
  never: number;
  inductionDue: number;
  inductionOverdue: number;
}
