import { ConflictException, Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { AuditService } from '../audit.service';
import { AuthCache } from '../auth-cache.service';
import { ClientInfo } from '../client-info.decorator';
import { TokenService } from '../token.service';
import { PUBLIC_USER_SELECT, PublicUser } from '../user-views';

const DAY_MS = 86_400_000;
/**
 * Two tabs refreshing at once present the same token: the loser finds it replaced moments ago. Within this
 * window that is a race, answered 409 (retry: the browser has the new cookie by then), not a replay.
 */
export const REFRESH_RACE_GRACE_MS = 10_000;
const REFRESH_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedSession {
  sessionId: string;
  refreshToken: string;
  accessToken: string;
  expiresAt: Date;
}

export interface SessionView {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  current: boolean;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Browser sessions: refresh tokens rotated on every use, with reuse detection per family. */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly tokens: TokenService,
    private readonly cache: AuthCache,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async start(userId: string, client: ClientInfo): Promise<IssuedSession> {
    const familyId = randomUUID();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.auth.SESSION_TTL_DAYS * DAY_MS);
    const refreshToken = await this.insertToken({ userId, familyId, createdAt: now, expiresAt }, client, this.prisma);
    return { sessionId: familyId, refreshToken, accessToken: await this.tokens.sign(userId, familyId), expiresAt };
  }

  async refresh(token: string | undefined, client: ClientInfo): Promise<IssuedSession & { user: PublicUser }> {
    const row =
      token && REFRESH_TOKEN.test(token) ? await this.prisma.session.findUnique({ where: { tokenHash: hashToken(token) } }) : null;
    if (!row) throw new UnauthorizedException('Missing or invalid refresh token: sign in again');
    if (row.revokedAt) throw new UnauthorizedException('Session has been signed out: sign in again');
    const now = new Date();
    if (row.replacedAt) {
      if (now.getTime() - row.replacedAt.getTime() < REFRESH_RACE_GRACE_MS) throw this.raced();
      await this.revokeFamily(row.familyId, row.userId, 'refresh_token_reuse', client);
      throw new UnauthorizedException('Refresh token already used: the session has been revoked, sign in again');
    }
    if (row.expiresAt <= now) throw new UnauthorizedException('Session expired: sign in again');
    if (row.lastUsedAt.getTime() <= now.getTime() - this.config.auth.SESSION_IDLE_DAYS * DAY_MS)
      throw new UnauthorizedException('Session expired after being idle: sign in again');
    const found = await this.prisma.user.findUnique({ where: { id: row.userId }, select: { ...PUBLIC_USER_SELECT, disabledAt: true } });
    if (!found || found.disabledAt) throw new UnauthorizedException('Account is disabled');
    const { disabledAt: _disabled, ...user } = found;

    const refreshToken = await this.prisma.$transaction(async (tx) => {
      const claimed = await tx.session.updateMany({ where: { id: row.id, replacedAt: null, revokedAt: null }, data: { replacedAt: now } });
      if (claimed.count === 0) throw this.raced();
      return this.insertToken(
        { userId: row.userId, familyId: row.familyId, createdAt: row.createdAt, expiresAt: row.expiresAt },
        client,
        tx,
      );
    });
    const accessToken = await this.tokens.sign(row.userId, row.familyId);
    return { sessionId: row.familyId, refreshToken, accessToken, expiresAt: row.expiresAt, user };
  }

  /** Ends the family of the presented token, even an already rotated one; nothing to do without a token. */
  async logout(token: string | undefined, client: ClientInfo): Promise<void> {
    if (!token || !REFRESH_TOKEN.test(token)) return;
    const row = await this.prisma.session.findUnique({ where: { tokenHash: hashToken(token) }, select: { familyId: true, userId: true } });
    if (row) await this.revokeFamily(row.familyId, row.userId, 'logout', client);
  }

  async list(userId: string, currentSessionId: string | undefined): Promise<SessionView[]> {
    const now = Date.now();
    const rows = await this.prisma.session.findMany({
      where: {
        userId,
        replacedAt: null,
        revokedAt: null,
        expiresAt: { gt: new Date(now) },
        lastUsedAt: { gt: new Date(now - this.config.auth.SESSION_IDLE_DAYS * DAY_MS) },
      },
      orderBy: { lastUsedAt: 'desc' },
      select: { familyId: true, userAgent: true, ip: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    });
    return rows.map(({ familyId, ...row }) => ({ id: familyId, ...row, current: familyId === currentSessionId }));
  }

  /** Another user's session answers 404 like an unknown one: ids are not confirmed to strangers. */
  async revoke(userId: string, sessionId: string, client: ClientInfo): Promise<void> {
    const owned = await this.prisma.session.findFirst({ where: { familyId: sessionId, userId }, select: { id: true } });
    if (!owned) throw new NotFoundException(`Session ${sessionId} not found`);
    await this.revokeFamily(sessionId, userId, 'revoked', client);
  }

  private async revokeFamily(familyId: string, userId: string, reason: string, client: ClientInfo): Promise<void> {
    await this.prisma.session.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
    this.cache.markSessionRevoked(familyId);
    if (reason === 'refresh_token_reuse') this.logger.warn({ familyId, userId }, 'refresh token reused: session family revoked');
    await this.audit.record({
      action: 'auth.session_revoked',
      userId,
      entityType: 'Session',
      entityId: familyId,
      metadata: { reason },
      ...client,
    });
  }

  private async insertToken(
    family: { userId: string; familyId: string; createdAt: Date; expiresAt: Date },
    client: ClientInfo,
    db: Pick<PrismaService, 'session'>,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await db.session.create({
      data: {
        ...family,
        tokenHash: hashToken(token),
        lastUsedAt: new Date(),
        userAgent: client.userAgent?.slice(0, 512),
        ip: client.ip?.slice(0, 64),
      },
    });
    return token;
  }

  private raced(): ConflictException {
    return new ConflictException('This refresh token was rotated by a concurrent request moments ago: retry with the current cookie');
  }
}
