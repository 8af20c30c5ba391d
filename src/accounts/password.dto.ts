import { IsEmail, IsString, MaxLength } from 'class-validator';
import { IsStrongPassword } from '../auth/password-policy';

export class PasswordResetRequestDto {
  @IsEmail()
  @MaxLength(254)
  email: string;
}

/** A single-use link's token and the password chosen with it (invitation or reset). */
export class LinkPasswordDto {
  @IsString()
  @MaxLength(100)
  token: string;

  /** At least 12 characters, at most 72 bytes, not blank and not a common password. */
  @IsString()
  @IsStrongPassword()
  password: string;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(200)
  current: string;

  /** At least 12 characters, at most 72 bytes, not blank and not a common password. */
  @IsString()
  @IsStrongPassword()
  password: string;
}
