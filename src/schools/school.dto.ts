import { PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsDay } from '../common/validation/is-day.decorator';
import { OptionalNotNull } from '../common/validation/optional-not-null.decorator';
import { EXPIRY_BASES, ExpiryBasis } from '../compliance/compliance.types';
import { SCHOOL_KINDS, SchoolKind } from './school.entity';
import { IsId } from '../common/validation/id';

export class CreateSchoolDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @OptionalNotNull()
  @IsIn(SCHOOL_KINDS)
  kind?: SchoolKind;

  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(60)
  annualRefreshMonths?: number;

  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(365)
  inductionWindowDays?: number;

  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(365)
  dueSoonDays?: number;

  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  coverageThresholdPercent?: number;

  /** Days before expiry to remind (0 = on the day); overdue reminders follow weekly. */
  @OptionalNotNull()
  @IsArray()
  @ArrayNotEmpty()
  // Options first: with no identifier, ArrayUnique reads its first argument as the options.
  @ArrayUnique({
    message: 'reminderOffsetsDays must not list the same offset twice',
    context: { code: 'offsets-repeated' },
  })
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(365, { each: true })
  reminderOffsetsDays?: number[];

  /** Overdue reminders also copy the training coordinator from this many days overdue. */
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(365)
  coordinatorCopyAfterDays?: number;

  @IsOptional()
  @IsId()
  trainingCoordinatorId?: number | null;

  @IsOptional()
  @IsDay()
  filteringReviewedOn?: string | null;

  @OptionalNotNull()
  @IsBoolean()
  governorsSeeNames?: boolean;

  /** `rolling`: completion + months; `academic-year`: to 31 August of the last academic year, plus grace days. */
  @OptionalNotNull()
  @IsIn(EXPIRY_BASES)
  expiryBasis?: ExpiryBasis;

  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(90)
  academicYearGraceDays?: number;
}

export class UpdateSchoolDto extends PartialType(CreateSchoolDto, { skipNullProperties: false }) {}

export class SchoolDto {
  id: number;
  name: string;
  kind: SchoolKind;
  annualRefreshMonths: number;
  inductionWindowDays: number;
  dueSoonDays: number;
  coverageThresholdPercent: number;
  reminderOffsetsDays: number[];
  coordinatorCopyAfterDays: number;
  trainingCoordinatorId: number | null;
  filteringReviewedOn: string | null;
  governorsSeeNames: boolean;
  expiryBasis: ExpiryBasis;
  academicYearGraceDays: number;
}
