import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IS_PUBLIC_KEY } from '@app/common';
import { AuthUser } from './auth-user';
import { Authenticator } from './authenticator.service';

/** Global: every HTTP route needs a JWT or an API key unless it (or its controller) is @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthUser }>();
    try {
      request.user = await this.authenticator.authenticate(request.headers);
      return true;
    } catch (err) {
      if (err instanceof UnauthorizedException) http.getResponse<FastifyReply>().header('WWW-Authenticate', 'Bearer');
      throw err;
    }
  }
}
