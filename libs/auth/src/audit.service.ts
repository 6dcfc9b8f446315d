import { Injectable, Logger } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import { ClientInfo } from './client-info.decorator';

export interface AuditEvent extends ClientInfo {
  /** Dotted name: `auth.login`, `auth.api_key_created`, `user.tier_changed`... */
  action: string;
  /** The actor; null for anonymous events such as a failed login of an unknown email. */
  userId: string | null;
  entityType?: string;
  entityId?: string;
  metadata?: Prisma.InputJsonObject;
}

/** Writes the audit trail. Never put secrets (passwords, tokens, keys) in an event. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly prisma: PrismaService) {}

  /** A lost audit row must not fail the user's request: the failure is logged instead. */
  async record(event: AuditEvent): Promise<void> {
    try {
      await this.prisma.auditLog.create({
        data: {
          action: event.action,
          userId: event.userId,
          entityType: event.entityType,
          entityId: event.entityId,
          ip: event.ip?.slice(0, 64),
          userAgent: event.userAgent?.slice(0, 500),
          metadata: event.metadata,
        },
      });
    } catch (err) {
      this.logger.error({ err, action: event.action }, 'audit log write failed');
    }
  }
}
