import { Body, Controller, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service';
import { bearerToken } from './bearer-token';
import { Public } from './decorators';
import { LoginDto, TokenDto } from './login.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
    // The guard has accepted this header, so it holds a token.
    return this.auth.revoke(bearerToken(authorization)!);
  }
}
