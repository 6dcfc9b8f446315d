import { SetMetadata } from '@nestjs/common';
import { UserRole } from '@app/database';

export const ROLES_KEY = 'wp:roles';

/** Only callers with one of these roles may use the route (403 otherwise); on a handler or a class. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);
