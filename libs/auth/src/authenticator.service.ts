import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import { IncomingHttpHeaders } from 'node:http';
import { PrismaService } from '@app/database';
import { scopeFromDb } from './api-key-scope';
import { hashApiKey, isWellFormedApiKey } from './api-key.util';
import { AuthCache, CachedApiKey, CachedUser } from './auth-cache.service';
import { AuthUser } from './auth-user';
import { credentialFromHeaders } from './credentials.util';
import { TokenService } from './token.service';

/** lastUsedAt is a hint for humans: one write a minute per key, not one per request. */
export const API_KEY_TOUCH_INTERVAL_MS = 60_000;
const USER_SELECT = { id: true, email: true, role: true, tier: true, disabledAt: true } as const;

/** Turns a request's credentials (JWT or API key) into the AuthUser, or throws 401. */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger(Authenticator.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly tokens: TokenService,
    private readonly cache: AuthCache,
    @InjectMetric('cache_operations_total') private readonly cacheOps: Counter<'operation' | 'result'>,
  ) {}

  async authenticate(headers: IncomingHttpHeaders): Promise<AuthUser> {
    const credential = credentialFromHeaders(headers);
    if (credential === null) throw new UnauthorizedException('Missing credentials');
    if (credential === 'invalid')
      throw new UnauthorizedException('Unsupported credentials: use Authorization: Bearer <token> or X-API-Key');
    if (credential.kind === 'jwt') return this.byJwt(credential.token);
    return this.byApiKey(credential.key);
  }

  private async byJwt(token: string): Promise<AuthUser> {
    const { userId, sessionId } = await this.tokens.verify(token);
    if (!sessionId) return this.activeUser(userId);
    if (await this.isSessionRevoked(sessionId)) throw new UnauthorizedException('Session has been signed out');
    return { ...(await this.activeUser(userId)), sessionId };
  }

  /** Revocation marks every row of the family, so one indexed lookup answers; cached AUTH_CACHE_TTL_MS. */
  private async isSessionRevoked(familyId: string): Promise<boolean> {
    const cached = this.cache.sessionRevoked.get(familyId);
    this.cacheOps.inc({ operation: 'auth_session', result: cached === undefined ? 'miss' : 'hit' });
    if (cached !== undefined) return cached;
    const revoked = (await this.prisma.session.findFirst({ where: { familyId, revokedAt: { not: null } }, select: { id: true } })) !== null;
    this.cache.sessionRevoked.set(familyId, revoked);
    return revoked;
  }

  private async byApiKey(key: string): Promise<AuthUser> {
    const apiKey = isWellFormedApiKey(key) ? await this.apiKey(hashApiKey(key)) : null;
    const now = new Date();
    if (!apiKey || apiKey.revokedAt) throw new UnauthorizedException('Invalid API key');
    if (apiKey.expiresAt && apiKey.expiresAt <= now) throw new UnauthorizedException('API key expired');
    const user = await this.activeUser(apiKey.userId);
    await this.touch(apiKey, now);
    return { ...user, apiKeyId: apiKey.id, apiKeyScope: scopeFromDb(apiKey.scope), apiKeyExpiresAt: apiKey.expiresAt };
  }

  private async activeUser(userId: string): Promise<AuthUser> {
    const cached = this.cache.users.get(userId);
    this.cacheOps.inc({ operation: 'auth_user', result: cached ? 'hit' : 'miss' });
    const user = cached ?? (await this.loadUser(userId));
    if (!user) throw new UnauthorizedException('Invalid or expired token');
    if (user.disabledAt) throw new UnauthorizedException('Account is disabled');
    return { id: user.id, email: user.email, role: user.role, tier: user.tier };
  }

  private async loadUser(userId: string): Promise<CachedUser | null> {
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: USER_SELECT });
    if (user) this.cache.users.set(userId, user);
    return user;
  }

  /** One query fills both caches: the key and its owner. */
  private async apiKey(keyHash: string): Promise<CachedApiKey | null> {
    const cached = this.cache.apiKeys.get(keyHash);
    this.cacheOps.inc({ operation: 'auth_api_key', result: cached ? 'hit' : 'miss' });
    if (cached) return cached;
    const row = await this.prisma.apiKey.findUnique({
      where: { keyHash },
      select: { id: true, userId: true, scope: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: USER_SELECT } },
    });
    if (!row) return null;
    const { user, ...apiKey } = row;
    this.cache.apiKeys.set(keyHash, apiKey);
    this.cache.users.set(user.id, user);
    return apiKey;
  }

  private async touch(apiKey: CachedApiKey, now: Date): Promise<void> {
    const cutoff = new Date(now.getTime() - API_KEY_TOUCH_INTERVAL_MS);
    if (apiKey.lastUsedAt && apiKey.lastUsedAt > cutoff) return;
    apiKey.lastUsedAt = now;
    // Conditional, so replicas racing on the same key still write at most about once a minute.
    await this.prisma.apiKey
      .updateMany({ where: { id: apiKey.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] }, data: { lastUsedAt: now } })
      .catch((err: unknown) => this.logger.warn({ err, apiKeyId: apiKey.id }, 'could not record API key use'));
  }
}
