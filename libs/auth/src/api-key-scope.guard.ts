import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { scopeCovers } from './api-key-scope';
import { requiredScope } from './api-key-scope.policy';
import { AuthUser } from './auth-user';

/** Global, after AuthGuard: a request made with an API key may only do what the key's scope allows. */
@Injectable()
export class ApiKeyScopeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const held = request.user?.apiKeyScope;
    if (!held) return true; // public route or a JWT: nothing to narrow
    const route = request.routeOptions?.url;
    const needed = requiredScope(request.method, route);
    if (scopeCovers(held, needed)) return true;
    throw new ForbiddenException(`This API key has scope ${held}; ${request.method} ${route ?? request.url} needs scope ${needed}`);
  }
}
