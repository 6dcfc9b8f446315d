import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '@app/common';
import { RateLimit } from '@app/throttling';
import { ApiAuth } from './api-auth.decorator';
import { AuthService } from './auth.service';
import { AuthUser } from './auth-user';
import { ClientInfo } from './client-info.decorator';
import { CurrentUser } from './current-user.decorator';
import { LoginAttemptsInterceptor } from './login-attempts.interceptor';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** Every registration counts against the `auth` limit of the client IP (its own key, apart from logins). */
  @Public()
  @RateLimit('auth')
  @Post('register')
  @ApiCreatedResponse({ description: '{user: {id, email, name, role, tier}, accessToken}' })
  @ApiConflictResponse({ description: 'Email already registered' })
  register(@Body() dto: RegisterDto, @ClientInfo() client: ClientInfo) {
    return this.auth.register(dto, client);
  }

  /** Counts failed logins only (LoginAttemptsInterceptor), not the route's every request. */
  @Public()
  @UseInterceptors(LoginAttemptsInterceptor)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '{accessToken, user: {id, email, name, role, tier}}' })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password, or a disabled account' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins from this address or for this account (Retry-After)' })
  login(@Body() dto: LoginDto, @ClientInfo() client: ClientInfo) {
    return this.auth.login(dto, client);
  }

  @Get('me')
  @ApiAuth()
  @ApiOkResponse({ description: '{id, email, name, role, tier, createdAt}' })
  me(@CurrentUser() user: AuthUser) {
    return this.users.profile(user.id);
  }
}
