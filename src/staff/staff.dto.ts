import { OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsDay } from '../common/validation/is-day.decorator';
import { OptionalNotNull } from '../common/validation/optional-not-null.decorator';
import { LANGUAGES, Language } from '../common/language';
import { SAFEGUARDING_ROLES, SafeguardingRole } from './staff-member.entity';
import { IsId } from '../common/validation/id';

const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateStaffDto {
  @IsId()
  schoolId: number;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Transform(lowerCase)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @IsDay()
  startDate: string;

  /** Set when the member leaves: they are kept, and drop out of every figure from then. */
  @IsOptional()
  @IsDay()
  leftOn?: string | null;

  @OptionalNotNull()
  @IsIn(SAFEGUARDING_ROLES)
  safeguardingRole?: SafeguardingRole;

  @OptionalNotNull()
  @IsBoolean()
  onlineSafetyGroup?: boolean;

  /** On the senior leadership team (filtering and monitoring training applies). */
  @OptionalNotNull()
  @IsBoolean()
  seniorLeader?: boolean;

  /** Responsible for filtering and monitoring. */
  @OptionalNotNull()
  @IsBoolean()
  filteringLead?: boolean;

  @OptionalNotNull()
  @IsIn(LANGUAGES)
  language?: Language;

  /** The school MIS's own id for this member (unique within the school). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  misId?: string | null;
}

// A PATCH may leave any field out, but null only clears fields that may be empty.
export class UpdateStaffDto extends PartialType(OmitType(CreateStaffDto, ['schoolId'] as const), {
  skipNullProperties: false,
}) {}

export class StaffQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsId()
  schoolId?: number;
}

export class StaffDto {
  id: number;
  schoolId: number;
  name: string;
  email: string;
  jobTitle: string | null;
  startDate: string;
  leftOn: string | null;
  safeguardingRole: SafeguardingRole;
  onlineSafetyGroup: boolean;
  seniorLeader: boolean;
  filteringLead: boolean;
  language: Language;
  misId: string | null;
}
