import { OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';
import { Audience, NAMED_AUDIENCES, STAFF_ROLES } from '../compliance/compliance.types';
import { TOPICS, Topic } from '../courses/course.entity';
import { OptionalNotNull } from '../common/validation/optional-not-null.decorator';

/** A named audience, or a non-empty list of distinct staff roles. */
function IsAudience(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAudience',
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && (NAMED_AUDIENCES as readonly string[]).includes(value)) ||
          (Array.isArray(value) &&
            value.length > 0 &&
            new Set(value).size === value.length &&
            value.every((role) => (STAFF_ROLES as readonly unknown[]).includes(role))),
        defaultMessage: () =>
          `audience must be one of ${NAMED_AUDIENCES.join(', ')}, or a list of staff roles from ` +
          STAFF_ROLES.join(', '),
      },
    },
    options,
  );
}

export class CreateRequirementDto {
  /** Lower-case letters, digits and single hyphens, e.g. `prevent-duty`. */
  @IsString()
  @MaxLength(40)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'code must be lower-case letters, digits and hyphens' })
  code: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  titleEn: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  titleCy: string;

  @IsAudience()
  audience: Audience;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TOPICS, { each: true })
  topics: Topic[];

  /** Months a completion counts for at most; null = the course's own validity. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  refreshMonths?: number | null;

  /** Refresh after the school's annual refresh months (whatever they are later set to). */
  @OptionalNotNull()
  @IsBoolean()
  followsAnnualRefresh?: boolean;

  /** Met for new starters only by training since their start, within the induction window. */
  @OptionalNotNull()
  @IsBoolean()
  induction?: boolean;
}

export class UpdateRequirementDto extends PartialType(OmitType(CreateRequirementDto, ['code'] as const), {
  skipNullProperties: false,
}) {}

export class RequirementDto {
  code: string;
  titleEn: string;
  titleCy: string;
  audience: Audience;
  topics: Topic[];
  /** The refresh period in force (the school's annual months when it follows them); null = course validity. */
  refreshMonths: number | null;
  followsAnnualRefresh: boolean;
  induction: boolean;
  /** False for online-safety and osh-response, which every school keeps. */
  removable: boolean;
}
