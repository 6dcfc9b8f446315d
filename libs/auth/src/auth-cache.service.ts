import { Injectable } from '@nestjs/common';
import { ApiKeyScope, UserRole, UserTier } from '@app/database';
import { TtlCache } from '@app/common';

/**
 * How long another replica may keep honouring a revoked key, a disabled user or an old tier.
 * Changes made through this process are forgotten at once (forgetUser / forgetApiKey).
 */
export const AUTH_CACHE_TTL_MS = 5_000;
const AUTH_CACHE_MAX_ENTRIES = 10_000;

export interface CachedUser {
  id: string;
  email: string;
  role: UserRole;
  tier: UserTier;
  disabledAt: Date | null;
}

export interface CachedApiKey {
  id: string;
  userId: string;
  scope: ApiKeyScope;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Spares the database a read per authenticated request for callers that are busy right now. */
@Injectable()
export class AuthCache {
  readonly users = new TtlCache<CachedUser>(AUTH_CACHE_TTL_MS, AUTH_CACHE_MAX_ENTRIES);
  /** By key hash. */
  readonly apiKeys = new TtlCache<CachedApiKey>(AUTH_CACHE_TTL_MS, AUTH_CACHE_MAX_ENTRIES);
  /**
   * Browser session family id -> revoked? Bounds how long an access token carrying a revoked `sid` still works
   * on another replica to AUTH_CACHE_TTL_MS (5 s); this process learns at once (sessionRevoked).
   */
  readonly sessionRevoked = new TtlCache<boolean>(AUTH_CACHE_TTL_MS, AUTH_CACHE_MAX_ENTRIES);

  forgetUser(userId: string): void {
    this.users.delete(userId);
  }

  markSessionRevoked(familyId: string): void {
    this.sessionRevoked.set(familyId, true);
  }

  forgetApiKey(apiKeyId: string): void {
    this.apiKeys.deleteWhere((key) => key.id === apiKeyId);
  }
}
