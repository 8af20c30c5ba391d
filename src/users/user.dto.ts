import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsStrongPassword } from '../auth/password-policy';
import { Language, LANGUAGES } from '../common/language';
import { ROLES, Role } from './user.entity';
import { IsId } from '../common/validation/id';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateUserDto {
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  /** At least 12 characters, at most 72 bytes, not blank and not a common password. */
  @IsString()
  @IsStrongPassword()
  password: string;

  @IsIn(ROLES)
  role: Role;

  /** Required for dsp, governor and staff; a DSP may leave it out for their own school. */
  @IsOptional()
  @IsId()
  schoolId?: number | null;

  /** The staff record of the account (required for staff users). */
  @IsOptional()
  @IsId()
  staffId?: number | null;
}

/** An account whose owner chooses the password from an emailed single-use link (valid 7 days). */
export class InviteUserDto {
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsIn(ROLES)
  role: Role;

  @IsOptional()
  @IsId()
  schoolId?: number | null;

  @IsOptional()
  @IsId()
  staffId?: number | null;

  /** Language of the invitation email; default: the linked staff member's, else English. */
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class UpdateUserDto {
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  /** true ends every session and token of the account at once; false lets it sign in again. */
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class UsersQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsId()
  schoolId?: number;
}

export class UserDto {
  id: number;
  email: string;
  role: Role;
  schoolId: number | null;
  staffId: number | null;
  disabled: boolean;
  /** When the account last signed in (ISO time), null if never. */
  lastSignInAt: string | null;
}
