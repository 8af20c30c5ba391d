import { Type } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsDay } from '../common/validation/is-day.decorator';
import { ConcernCode, Severity, StatusCounts, TrainingStatus } from './compliance.types';

export class StatusCountsDto implements StatusCounts {
  current: number;
  dueSoon: number;
  lapsed: number;
  never: number;
  inductionDue: number;
  inductionOverdue: number;
}

export class StaffStatusDto {
  /** Left out for governors unless the school lets them see names. */
  id?: number;
  name?: string;
  jobTitle?: string | null;
  /** Left out for governors unless the school lets them see names: one role can point at one person. */
  safeguardingRole?: string;
  status: TrainingStatus;
  expiresOn: string | null;
  /** DSPs and deputies only. */
  dspAdvancedExpiresOn?: string | null;
  /** The worst status of the requirements that apply to them. */
  overallStatus: TrainingStatus;
  /** The status of each requirement that applies to them, by code. */
  requirements: Record<string, TrainingStatus>;
}

export class RequirementFiguresDto {
  code: string;
  /** In English; titleCy in Welsh. */
  title: string;
  titleCy: string;
  /** Active staff it applies to. */
  applies: number;
  counts: StatusCountsDto;
  /** Percent of those it applies to with current training, one decimal; null when it applies to nobody. */
  percentCurrent: number | null;
}

export class ConcernDto {
  code: ConcernCode;
  severity: Severity;
  /** The guidance point it answers, quoted and attributed. */
  guidance: string;
  /** What to do next. */
  action: string;
  /** Left out for governors unless the school lets them see names. */
  staffIds?: number[];
  staffCount: number;
  courseIds: number[];
  settings: string[];
  /** The requirement behind a requirement's gap; null for the other concerns. */
  requirementCode: string | null;
}

export class ComplianceSummaryDto {
  schoolId: number;
  schoolName: string;
  asOf: string;
  activeStaff: number;
  counts: StatusCountsDto;
  /** Percent of active staff with current online-safety training, one decimal; null with no active staff. */
  percentCurrent: number | null;
  requirements: RequirementFiguresDto[];
  /** By name; for governors without names, by overall status (worst first) then expiry. */
  staff: StaffStatusDto[];
  concerns: ConcernDto[];
}

export class ComplianceRollupRowDto {
  schoolId: number;
  schoolName: string;
  asOf: string;
  activeStaff: number;
  percentCurrent: number | null;
  counts: StatusCountsDto;
  requirements: RequirementFiguresDto[];
  concerns: ConcernCode[];
}

export class HistoryQueryDto {
  @IsOptional()
  @IsDay()
  from?: string;

  @IsOptional()
  @IsDay()
  to?: string;
}

export class SnapshotDto {
  date: string;
  activeStaff: number;
  percentCurrent: number | null;
  @Type(() => StatusCountsDto)
  counts: StatusCountsDto;
  /** Each requirement's figures that day (empty in snapshots from before requirements). */
  requirements: Omit<RequirementFiguresDto, 'title' | 'titleCy'>[];
  concerns: ConcernCode[];
}
