import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDay } from '../common/validation/is-day.decorator';
import { TOPICS, Topic } from '../courses/course.entity';
import { IsId } from '../common/validation/id';

export class TrainingNeedDto {
  @IsIn(TOPICS)
  topic: Topic;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

export class CreateNeedsAuditDto {
  @IsId()
  staffId: number;

  @IsDay()
  auditedOn: string;

  /** What the member needs training in; empty when the audit found no need. */
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique((need: TrainingNeedDto | null) => need?.topic, {
    message: 'needs: the same topic appears more than once',
  })
  @ValidateNested({ each: true })
  @Type(() => TrainingNeedDto)
  needs: TrainingNeedDto[];
}

export class StaffNeedsDto {
  @IsInt()
  staffId: number;

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TrainingNeedDto)
  needs: TrainingNeedDto[];
}

/** A whole-staff audit: one date, one audit per member, saved together or not at all. */
export class CreateNeedsAuditsDto {
  @IsDay()
  auditedOn: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => StaffNeedsDto)
  audits: StaffNeedsDto[];
}

export class NeedsAuditQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsId()
  staffId?: number;
}

export class NeedsAuditDto {
  id: number;
  staffId: number;
  auditedOn: string;
  auditedById: number | null;
  needs: TrainingNeedDto[];
  recordedAt: string;
}
