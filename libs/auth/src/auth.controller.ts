import { Body, Controller, Get, HttpCode, HttpStatus, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ApiErrors, Public } from '@app/common';
import { RateLimit } from '@app/throttling';
import { ApiAuth } from './api-auth.decorator';
import { AuthResult, AuthService } from './auth.service';
import { AuthUser } from './auth-user';
import { ClientInfo } from './client-info.decorator';
import { CurrentUser } from './current-user.decorator';
import { AuthSessionDto, UserProfileDto } from './dto/auth-responses.dto';
import { LoginAttemptsInterceptor } from './login-attempts.interceptor';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { UsersService } from './users.service';
import { SessionRequested, setRefreshCookie } from './sessions/session-cookie';
import { SessionsService } from './sessions/sessions.service';

const SESSION_OPT_IN = ApiHeader({
  name: 'X-Session',
  required: false,
  enum: ['cookie'],
  description:
    'Web console: also start a browser session, i.e. set the refresh cookie (HttpOnly; Secure; SameSite=Strict; Path=/auth) and return an access token bound to it. Without it: only the JSON token, as before.',
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  /** Every registration counts against the `auth` limit of the client IP (its own key, apart from logins). */
  @Public()
  @RateLimit('auth')
  @Post('register')
  @ApiOperation({ summary: 'Register a user and get an access token' })
  @ApiCreatedResponse({ type: AuthSessionDto })
  @ApiErrors(400, [409, 'Email already registered'], 429)
  @SESSION_OPT_IN
  async register(
    @Body() dto: RegisterDto,
    @ClientInfo() client: ClientInfo,
    @SessionRequested() session: boolean,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.auth.register(dto, client);
    return session ? this.withSession(result, client, reply) : result;
  }

  /** Counts failed logins only (LoginAttemptsInterceptor), not the route's every request. */
  @Public()
  @UseInterceptors(LoginAttemptsInterceptor)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Log in with email and password' })
  @ApiOkResponse({ type: AuthSessionDto })
  @ApiErrors(
    400,
    [401, 'Wrong email or password, or a disabled account'],
    [429, 'Too many failed logins from this address or for this account (Retry-After)'],
  )
  @SESSION_OPT_IN
  async login(
    @Body() dto: LoginDto,
    @ClientInfo() client: ClientInfo,
    @SessionRequested() session: boolean,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.auth.login(dto, client);
    return session ? this.withSession(result, client, reply) : result;
  }

  @Get('me')
  @ApiAuth()
  @ApiOperation({ summary: 'The caller’s profile' })
  @ApiOkResponse({ type: UserProfileDto })
  me(@CurrentUser() user: AuthUser) {
    return this.users.profile(user.id);
  }

  private async withSession(result: AuthResult, client: ClientInfo, reply: FastifyReply): Promise<AuthResult> {
    const { refreshToken, expiresAt, accessToken } = await this.sessions.start(result.user.id, client);
    setRefreshCookie(reply, refreshToken, expiresAt);
    return { ...result, accessToken };
  }
}
