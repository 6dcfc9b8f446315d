import { Injectable, NotFoundException } from '@nestjs/common';
import { afterCursor, CURSOR_ORDER, Page, PaginationQueryDto, toPage } from '@app/common';
import { PrismaService } from '@app/database';
import { generateApiKey } from './api-key.util';
import { AuditService } from './audit.service';
import { AuthCache } from './auth-cache.service';
import { ClientInfo } from './client-info.decorator';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

const DAY_MS = 86_400_000;
const API_KEY_VIEW = { id: true, name: true, prefix: true, scopes: true, createdAt: true, expiresAt: true, lastUsedAt: true } as const;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
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

  async create(userId: string, dto: CreateApiKeyDto, client: ClientInfo): Promise<CreatedApiKey> {
    const { key, prefix, keyHash } = generateApiKey();
    const expiresAt = dto.expiresInDays ? new Date(Date.now() + dto.expiresInDays * DAY_MS) : null;
    const row = await this.prisma.apiKey.create({
      data: { userId, name: dto.name, prefix, keyHash, expiresAt },
      select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await this.audit.record({
      action: 'auth.api_key_created',
      userId,
      entityType: 'ApiKey',
      entityId: row.id,
      metadata: { name: row.name, prefix },
      ...client,
    });
    return { id: row.id, name: row.name, prefix: row.prefix, key, createdAt: row.createdAt, expiresAt: row.expiresAt };
  }

  /** The caller's keys that are not revoked, newest first (expired ones included, with expiresAt). */
  async list(userId: string, query: PaginationQueryDto): Promise<Page<ApiKeyView>> {
    const limit = query.limit ?? 20;
    const rows = await this.prisma.apiKey.findMany({ where: { userId, revokedAt: null, ...afterCursor(query.cursor) }, select: API_KEY_VIEW, orderBy: CURSOR_ORDER, take: limit + 1 });
    return toPage(rows, limit, (key) => key);
  }

  /** Someone else's key, an unknown id and an already revoked key are all 404. */
  async revoke(userId: string, id: string, client: ClientInfo): Promise<void> {
    const { count } = await this.prisma.apiKey.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw new NotFoundException(`API key ${id} not found`);
    this.cache.forgetApiKey(id);
    await this.audit.record({ action: 'auth.api_key_revoked', userId, entityType: 'ApiKey', entityId: id, ...client });
  }
}
