import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public } from '../auth/decorators';
import { TokenDto } from '../auth/login.dto';
import { ChangePasswordDto, LinkPasswordDto, PasswordResetRequestDto } from './password.dto';
import { PasswordsService } from './passwords.service';

/** Choosing a password: by invitation, by reset link, or one's own change. Under api/auth with sign-in. */
@ApiTags('auth')
@Controller('api/auth')
export class AccountsController {
  constructor(private readonly passwords: PasswordsService) {}

  /** Always 202; a single-use link (valid 1 hour) is emailed only if the account exists. */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  requestReset(@Body() body: PasswordResetRequestDto): Promise<void> {
    return this.passwords.requestReset(body.email);
  }

  /** Sets the new password and ends every session of the account. */
  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  confirmReset(@Body() body: LinkPasswordDto): Promise<void> {
    return this.passwords.confirmReset(body.token, body.password);
  }

  @Public()
  @Post('invite/accept')
  @HttpCode(204)
  acceptInvite(@Body() body: LinkPasswordDto): Promise<void> {
    return this.passwords.acceptInvite(body.token, body.password);
  }

  /** Changes one's own password; every other session ends, and a new token is returned. */
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Ip() address: string,
  ): Promise<TokenDto> {
    return this.passwords.change(user, body.current, body.password, address);
  }
}
