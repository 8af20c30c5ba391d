import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsDay } from '../common/validation/is-day.decorator';
import { OptionalNotNull } from '../common/validation/optional-not-null.decorator';
import { TOPICS, Topic } from './course.entity';
import { IsId } from '../common/validation/id';

export class CreateCourseDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  /** The course's Welsh title, if it has one. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  titleCy?: string | null;

  /** e.g. Hwb "Keeping safe online", in-house. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  provider?: string | null;

  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(500)
  url?: string | null;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TOPICS, { each: true })
  topics: Topic[];

  @OptionalNotNull()
  @IsBoolean()
  induction?: boolean;

  @IsInt()
  @Min(1)
  @Max(60)
  validityMonths: number;

  /** When the course content was last checked as accurate and up to date. */
  @IsDay()
  contentReviewedOn: string;

  @OptionalNotNull()
  @IsBoolean()
  retired?: boolean;

  /** Leave out for the shared catalogue (admins); a school's id for its in-house course. */
  @IsOptional()
  @IsId()
  schoolId?: number | null;
}

export class UpdateCourseDto extends PartialType(OmitType(CreateCourseDto, ['schoolId'] as const), {
  skipNullProperties: false,
}) {}

export class CourseQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsId()
  schoolId?: number;
}

export class CourseDto {
  id: number;
  schoolId: number | null;
  title: string;
  titleCy: string | null;
  provider: string | null;
  url: string | null;
  topics: Topic[];
  induction: boolean;
  validityMonths: number;
  contentReviewedOn: string;
  retired: boolean;
}
