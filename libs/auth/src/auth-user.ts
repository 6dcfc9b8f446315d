import { UserRole, UserTier } from '@app/database';
import { ApiKeyScopeName } from './api-key-scope';

/** The caller as the guards resolved it, from a JWT or an API key. */
export interface AuthUser {
  id: string;
  email: string;
  role: UserRole;
  tier: UserTier;
  /** Set when the request authenticated with an API key rather than a JWT. */
  apiKeyId?: string;
  /** With apiKeyId: what the key may do, and when it stops working (null = never). */
  apiKeyScope?: ApiKeyScopeName;
  apiKeyExpiresAt?: Date | null;
  /** Set when the access token was issued for a browser session (its `sid`: the session family id). */
  sessionId?: string;
}
