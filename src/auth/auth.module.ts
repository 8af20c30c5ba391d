import { Global, Module, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import { AppConfig } from '../config/app.config';
import { User } from '../users/user.entity';
import { RevokedToken } from './revoked-token.entity';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AUTH_SECRET, loadOrCreateSecret } from './auth-secret';
import { LoginAttemptsService } from './login-attempts.service';
import { HwbSignInService } from './hwb/hwb-sign-in.service';

const authSecretProvider: Provider = {
  provide: AUTH_SECRET,
  inject: [ConfigService],
  useFactory: (config: ConfigService<AppConfig, true>) =>
    config.get('authSecret', { infer: true }) ?? loadOrCreateSecret(join('data', 'auth-secret')),
};

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, RevokedToken]),
    JwtModule.registerAsync({
      extraProviders: [authSecretProvider],
      inject: [ConfigService, AUTH_SECRET],
      useFactory: (config: ConfigService<AppConfig, true>, secret: string) => ({
        secret,
        signOptions: { expiresIn: config.get('tokenTtl', { infer: true }) },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    authSecretProvider,
    AuthService,
    LoginAttemptsService,
    HwbSignInService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, HwbSignInService, AUTH_SECRET],
})
export class AuthModule {}
