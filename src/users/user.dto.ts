import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsStrongPassword } from '../auth/password-policy';
import { ROLES, Role } from './user.entity';

export class CreateUserDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  /** At least 12 characters and not a common password. */
  @IsString()
  @MaxLength(200)
  @IsStrongPassword()
  password: string;

  @IsIn(ROLES)
  role: Role;

  /** Required for dsp, governor and staff; a DSP may leave it out for their own school. */
  @IsOptional()
  @IsInt()
  schoolId?: number | null;

  /** The staff record a staff user may see. */
  @IsOptional()
  @IsInt()
  staffId?: number | null;
}

export class UserDto {
  id: number;
  email: string;
  role: Role;
  schoolId: number | null;
  staffId: number | null;
}
