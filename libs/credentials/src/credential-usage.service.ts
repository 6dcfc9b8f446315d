import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';

export interface ReferencingWorkflow {
  id: string;
  name: string;
  active: boolean;
}

/** Which workflows reference a credential (in their current version) and when it was last used. */
@Injectable()
export class CredentialUsageService {
  constructor(private readonly prisma: PrismaService) {}

  /** The id is a uuid, so a text match on the definition finds exactly the nodes naming it. */
  referencingWorkflows(userId: string, credentialId: string): Promise<ReferencingWorkflow[]> {
    return this.prisma.$queryRaw<ReferencingWorkflow[]>`
      SELECT w.id, w.name, (w.status = 'ACTIVE') AS active
      FROM workflows w
      JOIN workflow_versions v ON v."workflowId" = w.id AND v.version = w."currentVersion"
      WHERE w."userId" = ${userId}::uuid AND w."deletedAt" IS NULL
        AND strpos(v.definition::text, ${credentialId}) > 0
      ORDER BY w.name`;
  }

  async recentUses(userId: string, credentialId: string, take = 50) {
    const rows = await this.prisma.auditLog.findMany({
      where: { userId, action: 'credential.used', entityType: 'credential', entityId: credentialId },
      orderBy: { createdAt: 'desc' },
      take,
    });
    return rows.map((row) => {
      const meta = (row.metadata ?? {}) as { workflowId?: string | null; executionId?: string | null };
      return { userId: row.userId, workflowId: meta.workflowId ?? null, executionId: meta.executionId ?? null, at: row.createdAt };
    });
  }
}
