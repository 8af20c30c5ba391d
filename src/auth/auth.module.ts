import { createSecretKey } from 'node:crypto';
import { DynamicModule, Global, Module, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app.config';
import { User } from '../users/user.entity';
import { AccountGate } from './account-gate';
import { AccountToken } from './account-token.entity';
import { AccountTokensService } from './account-tokens.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthTasks } from './auth.tasks';
import { AUTH_SECRET, loadOrCreateSecret } from './auth-secret';
import { LoginAttemptsService, realSignInDelay, SIGN_IN_DELAY } from './login-attempts.service';
import { HwbSignInService } from './hwb/hwb-sign-in.service';
import { RevokedToken } from './revoked-token.entity';
import { dataPath } from '../common/data-dir';

const authSecretProvider: Provider = {
  provide: AUTH_SECRET,
  inject: [ConfigService],
  useFactory: (config: ConfigService<AppConfig, true>): string => {
    const secret: AppConfig['authSecret'] = config.get('authSecret', { infer: true });
    return secret ?? loadOrCreateSecret(dataPath('auth-secret'));
  },
};

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, RevokedToken, AccountToken]),
    JwtModule.registerAsync({
      extraProviders: [authSecretProvider],
      inject: [ConfigService, AUTH_SECRET],
      useFactory: (config: ConfigService<AppConfig, true>, secret: string) => ({
        // A key object, not the string: given a string, jsonwebtoken first tries to read it as a
        // public key on every verify, and that failed attempt cost half a millisecond per request.
        secret: createSecretKey(Buffer.from(secret)),
        verifyOptions: { algorithms: ['HS256'] },
        signOptions: { expiresIn: config.get('tokenTtl', { infer: true }) },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    authSecretProvider,
    AuthService,
    AuthTasks,
    AccountTokensService,
    LoginAttemptsService,
    HwbSignInService,
    { provide: SIGN_IN_DELAY, useValue: realSignInDelay },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AccountTokensService, LoginAttemptsService, HwbSignInService, AUTH_SECRET],
})
export class AuthModule {
  /**
   * Auth with its account gate bound in: `gate` (an AccountGate, provided by a module in
   * `imports`) says whether an account's person may still sign in. The app module binds
   * the accounts module's answer, so auth itself imports no domain module.
   */
  static forRoot(options: { imports: ModuleMetadata['imports']; gate: Type<AccountGate> }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: options.imports,
      providers: [{ provide: AccountGate, useExisting: options.gate }],
    };
  }
}
