import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { MetricsModule } from '@app/metrics';
import { RateLimiterModule } from '@app/throttling';
import { ApiKeyScopeGuard } from './api-key-scope.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuditService } from './audit.service';
import { AuthCache } from './auth-cache.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator.service';
import { jwtModuleOptions } from './jwt-options.util';
import { PasswordService } from './password.service';
import { configurePasswordPolicy } from './password-policy';
import { RolesGuard } from './roles.guard';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { TokenService } from './token.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Users, passwords, JWTs, API keys and roles. Installs three global guards, in this order:
 * AuthGuard (401 unless @Public()), ApiKeyScopeGuard (403 when an API key's scope does not allow the
 * route) then RolesGuard (403 when @Roles() does not match).
 */
@Module({
  imports: [
    DatabaseModule,
    MetricsModule,
    RateLimiterModule,
    JwtModule.registerAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => jwtModuleOptions(config.auth) }),
  ],
  controllers: [AuthController, SessionsController, ApiKeysController, UsersController],
  providers: [
    AuthService,
    SessionsService,
    ApiKeysService,
    UsersService,
    AuditService,
    PasswordService,
    TokenService,
    AuthCache,
    Authenticator,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: ApiKeyScopeGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthService, UsersService, ApiKeysService, AuditService, AuthCache, Authenticator],
})
export class AuthModule {
  constructor(config: AppConfig) {
    configurePasswordPolicy(config.auth.PASSWORD_MIN_LENGTH);
  }
}
