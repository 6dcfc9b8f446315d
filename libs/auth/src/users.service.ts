import { Injectable, NotFoundException } from '@nestjs/common';
import { afterCursor, CURSOR_ORDER, Page, PaginationQueryDto, toPage } from '@app/common';
import { PrismaService, UserTier, isRecordNotFound } from '@app/database';
import { AuditService } from './audit.service';
import { AuthCache } from './auth-cache.service';
import { ClientInfo } from './client-info.decorator';

import { USER_ADMIN_SELECT, USER_PROFILE_SELECT, UserAdminView, UserProfile } from './user-views';

@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly cache: AuthCache,
  ) {}

  async profile(id: string): Promise<UserProfile> {
    const user = await this.prisma.user.findUnique({ where: { id }, select: USER_PROFILE_SELECT });
    if (!user) throw new NotFoundException(`User ${id} not found`);
    return user;
  }

  async list(query: PaginationQueryDto): Promise<Page<UserAdminView>> {
    const limit = query.limit ?? 20;
    const rows = await this.prisma.user.findMany({
      select: USER_ADMIN_SELECT,
      where: afterCursor(query.cursor),
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    return toPage(rows, limit, (user) => user);
  }

  /** `actorId` changes `userId`'s tier; takes effect at once here, within AUTH_CACHE_TTL_MS on other replicas. */
  async setTier(actorId: string, userId: string, tier: UserTier, client: ClientInfo = {}): Promise<UserProfile> {
    const before = await this.prisma.user.findUnique({ where: { id: userId }, select: { tier: true } });
    if (!before) throw new NotFoundException(`User ${userId} not found`);
    const user = await this.prisma.user
      .update({ where: { id: userId }, data: { tier }, select: USER_PROFILE_SELECT })
      .catch((err: unknown) => {
        throw isRecordNotFound(err) ? new NotFoundException(`User ${userId} not found`) : err;
      });
    this.cache.forgetUser(userId);
    await this.audit.record({
      action: 'user.tier_changed',
      userId: actorId,
      entityType: 'User',
      entityId: userId,
      metadata: { from: before.tier, to: tier },
      ...client,
    });
    return user;
  }
}
