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
  seniorLeader: boolean;
  filteringLead: boolean;
}

export interface CompletionRecord {
  staffId: number;
  courseId: number;
  completedOn: Day;
  /** completedOn + the course's validity: the rules cap it per requirement (see training-expiry.ts). */
  expiresOn: Day;
  /** The course's validity, which the academic-year basis needs. */
  validityMonths: number;
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
  expiryBasis: ExpiryBasis;
  academicYearGraceDays: number;
}

export const EXPIRY_BASES = ['rolling', 'academic-year'] as const;
export type ExpiryBasis = (typeof EXPIRY_BASES)[number];

/** Staff roles a requirement's custom audience may list. */
export const STAFF_ROLES = ['dsp', 'deputy-dsp', 'online-safety-group', 'senior-leader', 'filtering-lead'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const NAMED_AUDIENCES = [
  'all-staff',
  'dsp-and-deputies',
  'online-safety-group',
  'senior-leaders',
  'filtering-leads',
] as const;
export type NamedAudience = (typeof NAMED_AUDIENCES)[number];
/** A named audience, or a custom list of staff roles (a member with any of them). */
export type Audience = NamedAudience | StaffRole[];

/** One row of the school's training matrix: who needs what, and how often. */
export interface RequirementRecord {
  code: string;
  titleEn: string;
  titleCy: string;
  audience: Audience;
  /** Every topic must be covered, by one course or several. */
  topics: Topic[];
  /** `annual` follows the school's annual refresh months; null = the course's validity. */
  refreshMonths: number | 'annual' | null;
  /** Met for new starters only by training since their start date, within the induction window. */
  induction: boolean;
}

export interface SchoolRecords {
  settings: ComplianceSettings;
  /** Every staff member the school has, leavers and future starters included. */
  staff: StaffRecord[];
  completions: CompletionRecord[];
  audits: AuditRecord[];
  requirements: RequirementRecord[];
}

/** What the rules need for one member alone: their own records, and the school's settings and matrix. */
export interface MemberRecords {
  settings: ComplianceSettings;
  member: StaffRecord;
  /** Reduced as the school's are: the latest verified completion of each course, prior training kept apart. */
  completions: CompletionRecord[];
  requirements: RequirementRecord[];
}

export const STATUSES = ['current', 'due-soon', 'induction-due', 'induction-overdue', 'lapsed', 'never'] as const;
export type TrainingStatus = (typeof STATUSES)[number];

/** Each status's field in StatusCounts (the API's camelCase), in the order of STATUSES. */
export const STATUS_COUNT_KEYS: Readonly<Record<TrainingStatus, keyof StatusCounts>> = {
  current: 'current',
  'due-soon': 'dueSoon',
  'induction-due': 'inductionDue',
  'induction-overdue': 'inductionOverdue',
  lapsed: 'lapsed',
  never: 'never',
};

/** Worst first: a member's overall status is the first of theirs in this order. */
export const STATUS_SEVERITY: readonly TrainingStatus[] = [
  'induction-overdue',
  'never',
  'lapsed',
  'induction-due',
  'due-soon',
  'current',
];

/** One requirement, for one member it applies to. */
export interface RequirementStanding {
  requirement: RequirementRecord;
  status: TrainingStatus;
  /**
   * When it stops counting: the earliest of its topics' latest (capped) expiries; null unless every topic was covered.
   */
  expiresOn: Day | null;
  /** The completions that give that expiry, one per topic (fewer when one course covers several). */
  satisfiedBy: CompletionRecord[];
}

export interface StaffStanding {
  staff: StaffRecord;
  /** The online-safety requirement's status: the headline figures. */
  status: TrainingStatus;
  /** The worst status of every requirement that applies to them. */
  overallStatus: TrainingStatus;
  /** Every requirement that applies to them, in the school's order. */
  requirements: RequirementStanding[];
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
  'osh-response-gap',
  'safeguarding-gap',
  'filtering-training-gap',
  'requirement-gap',
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
  /** The requirement behind a requirement's gap; null for the other concerns. */
  requirementCode: string | null;
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
  requirements: RequirementRecord[];
}

/** One requirement's figures across the school's active staff. */
export interface RequirementSummary {
  requirement: RequirementRecord;
  /** Active staff it applies to. */
  applies: number;
  counts: StatusCounts;
  /** Percent of those with current (or due-soon) training, one decimal; null when it applies to nobody. */
  percentCurrent: number | null;
}

export interface ComplianceReport {
  asOf: Day;
  activeStaff: number;
  counts: StatusCounts;
  percentCurrent: number | null;
  standings: StaffStanding[];
  requirements: RequirementSummary[];
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
