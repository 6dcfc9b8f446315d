import { Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public } from '@app/common';
import { ApiAuth } from '../api-auth.decorator';
import { AuthUser } from '../auth-user';
import { ClientInfo } from '../client-info.decorator';
import { CurrentUser } from '../current-user.decorator';
import { JwtOnlyGuard } from './jwt-only.guard';
import { clearRefreshCookie, REFRESH_COOKIE, RefreshCookie, setRefreshCookie } from './session-cookie';
import { RefreshResponseDto, SessionViewDto } from './session.dto';
import { SessionsService } from './sessions.service';

const CSRF_HEADER = ApiHeader({
  name: 'X-Session',
  required: true,
  enum: ['cookie'],
  description: 'Required (CSRF protection): a cross-site form cannot send it',
});

/** Browser sessions of the web console: refresh cookie rotation, logout, and the per-device list. */
@ApiTags('auth')
@Controller('auth')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'New access token from the refresh cookie; the cookie is rotated (Set-Cookie)' })
  @ApiCookieAuth(REFRESH_COOKIE)
  @CSRF_HEADER
  @ApiOkResponse({ type: RefreshResponseDto, description: 'Set-Cookie carries the next refresh token' })
  @ApiUnauthorizedResponse({ description: 'No, unknown, expired or revoked refresh cookie; a replayed one revokes its whole session' })
  @ApiConflictResponse({ description: 'The token was rotated by a concurrent refresh moments ago: retry' })
  @ApiForbiddenResponse({ description: 'X-Session: cookie header missing' })
  @ApiBadRequestResponse({ description: 'X-Session header with another value' })
  async refresh(
    @RefreshCookie() token: string | undefined,
    @ClientInfo() client: ClientInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { refreshToken, expiresAt, accessToken, user } = await this.sessions.refresh(token, client);
    setRefreshCookie(reply, refreshToken, expiresAt);
    return { accessToken, user };
  }

  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Ends the session of the refresh cookie (every tab and access token of it) and clears the cookie' })
  @ApiCookieAuth(REFRESH_COOKIE)
  @CSRF_HEADER
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session)' })
  @ApiForbiddenResponse({ description: 'X-Session: cookie header missing' })
  @ApiBadRequestResponse({ description: 'X-Session header with another value' })
  async logout(
    @RefreshCookie() token: string | undefined,
    @ClientInfo() client: ClientInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.sessions.logout(token, client);
    clearRefreshCookie(reply);
  }

  @Get('sessions')
  @UseGuards(JwtOnlyGuard)
  @ApiAuth()
  @ApiOperation({ summary: "The caller's active browser sessions, newest use first (JWT only)" })
  @ApiOkResponse({ type: SessionViewDto, isArray: true })
  @ApiForbiddenResponse({ description: 'Called with an API key' })
  list(@CurrentUser() user: AuthUser) {
    return this.sessions.list(user.id, user.sessionId);
  }

  @Delete('sessions/:id')
  @UseGuards(JwtOnlyGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiAuth()
  @ApiOperation({ summary: 'Signs one session (device) out; its access tokens stop working within 5 s (JWT only)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiBadRequestResponse({ description: 'id is not a UUID' })
  @ApiNotFoundResponse({ description: 'No such session of this user' })
  @ApiForbiddenResponse({ description: 'Called with an API key' })
  revoke(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @ClientInfo() client: ClientInfo) {
    return this.sessions.revoke(user.id, id, client);
  }
}
