import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UserRole } from '@app/database';
import { AuthUser } from './auth-user';
import { ROLES_KEY } from './roles.decorator';

/** Global, after AuthGuard: enforces @Roles(...) on the handler or its controller. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles?.length || context.getType() !== 'http') return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) throw new UnauthorizedException('Missing credentials');
    if (!roles.includes(user.role)) throw new ForbiddenException(`Requires role ${roles.join(' or ')}`);
    return true;
  }
}
