import { UserRole, UserTier } from '@app/database';

/** The caller as the guards resolved it, from a JWT or an API key. */
export interface AuthUser {
  id: string;
  email: string;
  role: UserRole;
  tier: UserTier;
  /** Set when the request authenticated with an API key rather than a JWT. */
  apiKeyId?: string;
}
