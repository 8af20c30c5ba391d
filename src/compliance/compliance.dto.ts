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
  safeguardingRole: string;
  status: TrainingStatus;
  expiresOn: string | null;
  /** DSPs and deputies only. */
  dspAdvancedExpiresOn?: string | null;
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
}

export class ComplianceSummaryDto {
  schoolId: number;
  schoolName: string;
  asOf: string;
  activeStaff: number;
  counts: StatusCountsDto;
  /** Percent of active staff with current online-safety training, one decimal; null with no active staff. */
  percentCurrent: number | null;
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
  concerns: ConcernCode[];
}
