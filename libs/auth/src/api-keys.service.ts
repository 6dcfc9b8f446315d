import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { afterCursor, CURSOR_ORDER, Page, PaginationQueryDto, toPage } from '@app/common';
import { PrismaService } from '@app/database';
import { ApiKeyScopeName, scopeCovers, scopeFromDb, scopeToDb } from './api-key-scope';
import { generateApiKey } from './api-key.util';
import { AuditService } from './audit.service';
import { AuthCache } from './auth-cache.service';
import { AuthUser } from './auth-user';
import { ClientInfo } from './client-info.decorator';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

const DAY_MS = 86_400_000;
const API_KEY_VIEW = { id: true, name: true, prefix: true, scope: true, createdAt: true, expiresAt: true, lastUsedAt: true } as const;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scope: ApiKeyScopeName;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  /** The secret, returned by create only: the database keeps its SHA-256. */
  key: string;
  scope: ApiKeyScopeName;
  createdAt: Date;
  expiresAt: Date | null;
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly cache: AuthCache,
  ) {}

  async create(caller: AuthUser, dto: CreateApiKeyDto, client: ClientInfo): Promise<CreatedApiKey> {
    const userId = caller.id;
    const scope = dto.scope ?? 'full';
    const expiresAt = expiryOf(dto);
    assertNoBroaderThanCaller(caller, scope, expiresAt);
    const { key, prefix, keyHash } = generateApiKey();
    const row = await this.prisma.apiKey.create({
      data: { userId, name: dto.name, prefix, keyHash, scope: scopeToDb(scope), expiresAt },
      select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await this.audit.record({
      action: 'auth.api_key_created',
      userId,
      entityType: 'ApiKey',
      entityId: row.id,
      metadata: { name: row.name, prefix, scope, viaApiKey: caller.apiKeyId ?? null },
      ...client,
    });
    return { id: row.id, name: row.name, prefix: row.prefix, key, scope, createdAt: row.createdAt, expiresAt: row.expiresAt };
  }

  /** The caller's keys that are not revoked, newest first (expired ones included, with expiresAt). */
  async list(userId: string, query: PaginationQueryDto): Promise<Page<ApiKeyView>> {
    const limit = query.limit ?? 20;
    const rows = await this.prisma.apiKey.findMany({
      where: { userId, revokedAt: null, ...afterCursor(query.cursor) },
      select: API_KEY_VIEW,
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    return toPage(rows, limit, (key) => ({ ...key, scope: scopeFromDb(key.scope) }));
  }

  /** Someone else's key, an unknown id and an already revoked key are all 404. */
  async revoke(userId: string, id: string, client: ClientInfo): Promise<void> {
    const { count } = await this.prisma.apiKey.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw new NotFoundException(`API key ${id} not found`);
    this.cache.forgetApiKey(id);
    await this.audit.record({ action: 'auth.api_key_revoked', userId, entityType: 'ApiKey', entityId: id, ...client });
  }
}

function expiryOf(dto: CreateApiKeyDto): Date | null {
  if (dto.expiresAt !== undefined && dto.expiresInDays !== undefined)
    throw new BadRequestException('Give expiresAt or expiresInDays, not both');
  if (dto.expiresAt !== undefined) return new Date(dto.expiresAt);
  return dto.expiresInDays ? new Date(Date.now() + dto.expiresInDays * DAY_MS) : null;
}

/** A key can only hand on what it has: no broader scope, no later (or missing) expiry. */
function assertNoBroaderThanCaller(caller: AuthUser, scope: ApiKeyScopeName, expiresAt: Date | null): void {
  if (!caller.apiKeyId || !caller.apiKeyScope) return;
  if (!scopeCovers(caller.apiKeyScope, scope))
    throw new ForbiddenException(`An API key with scope ${caller.apiKeyScope} cannot create a key with scope ${scope}`);
  const limit = caller.apiKeyExpiresAt;
  if (limit && (!expiresAt || expiresAt > limit))
    throw new ForbiddenException(`This API key expires at ${limit.toISOString()}: a key it creates needs an expiresAt no later than that`);
}
