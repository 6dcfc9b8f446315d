import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth-user';

/** Browser sessions are a signed-in person's business: an API key, whatever its scope, may not list or end them. */
@Injectable()
export class JwtOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>().user;
    if (user?.apiKeyId) throw new ForbiddenException('Sessions are managed with a user access token (Bearer JWT), not an API key');
    return true;
  }
}
