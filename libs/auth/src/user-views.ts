import { UserRole, UserTier } from '@app/database';

/** What register and login return about the user. */
export const PUBLIC_USER_SELECT = { id: true, email: true, name: true, role: true, tier: true } as const;
/** GET /auth/me and the admin endpoints. */
export const USER_PROFILE_SELECT = { ...PUBLIC_USER_SELECT, createdAt: true } as const;
export const USER_ADMIN_SELECT = { ...USER_PROFILE_SELECT, disabledAt: true, lastLoginAt: true } as const;

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  tier: UserTier;
}

export interface UserProfile extends PublicUser {
  createdAt: Date;
}

export interface UserAdminView extends UserProfile {
  disabledAt: Date | null;
  lastLoginAt: Date | null;
}
