import { Body, Controller, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './decorators';
import { LoginDto, TokenDto } from './login.dto';
import { ChangePasswordDto, LinkPasswordDto, PasswordResetRequestDto } from './password.dto';
import { PasswordsService } from './passwords.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() address: string): Promise<TokenDto> {
    return this.auth.login(body, address);
  }

  /** Revokes the token that signs this request. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  logout(@Headers('authorization') authorization: string): Promise<void> {
    return this.auth.revoke(authorization.replace(/^Bearer /i, ''));
  }

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
