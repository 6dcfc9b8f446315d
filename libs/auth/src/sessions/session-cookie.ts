import { BadRequestException, createParamDecorator, ExecutionContext, ForbiddenException } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

export const REFRESH_COOKIE = 'wp_refresh';
/** Only the /auth routes ever see the refresh token (refresh, logout, sessions). */
export const REFRESH_COOKIE_PATH = '/auth';
/**
 * `X-Session: cookie` asks login/register for a browser session, and refresh/logout require it: a cross-site
 * form cannot send a custom header, and a cross-site fetch with one needs a CORS preflight that only
 * CORS_ORIGINS pass. Together with SameSite=Strict this is the CSRF protection of the cookie routes.
 */
export const SESSION_HEADER = 'x-session';
export const SESSION_HEADER_VALUE = 'cookie';

const COOKIE_OPTIONS = { path: REFRESH_COOKIE_PATH, httpOnly: true, secure: true, sameSite: 'strict' } as const;

export function setRefreshCookie(reply: FastifyReply, token: string, expiresAt: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  void reply.setCookie(REFRESH_COOKIE, token, { ...COOKIE_OPTIONS, maxAge });
}

export function clearRefreshCookie(reply: FastifyReply): void {
  void reply.clearCookie(REFRESH_COOKIE, COOKIE_OPTIONS);
}

/** The refresh cookie's value (parsed by @fastify/cookie), if any. */
export function refreshCookieOf(request: FastifyRequest): string | undefined {
  return request.cookies?.[REFRESH_COOKIE] || undefined;
}

function sessionHeader(ctx: ExecutionContext): string | undefined {
  const value = ctx.switchToHttp().getRequest<FastifyRequest>().headers[SESSION_HEADER];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim().toLowerCase() !== SESSION_HEADER_VALUE)
    throw new BadRequestException(`Header X-Session must be "${SESSION_HEADER_VALUE}" when sent`);
  return value;
}

/** login/register: true when the client asked for a browser session (X-Session: cookie). */
export const SessionRequested = createParamDecorator((_data: unknown, ctx: ExecutionContext): boolean => sessionHeader(ctx) !== undefined);

/** refresh/logout: the CSRF check, then the refresh cookie (undefined when absent). */
export const RefreshCookie = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  if (sessionHeader(ctx) === undefined)
    throw new ForbiddenException('Cookie session requests must send the header X-Session: cookie (CSRF protection)');
  return refreshCookieOf(ctx.switchToHttp().getRequest<FastifyRequest>());
});
