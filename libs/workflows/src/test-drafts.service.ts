import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PrismaService } from '@app/database';
import { WorkflowDefinition } from './definition/workflow-definition';
import { TypedWorkflowVersion } from './workflow-versions.service';
import { WorkflowsService } from './workflows.service';

/**
 * Where the definitions of editor test runs live, so they run like any saved version: a hidden draft
 * version (negative number, never listed) of the workflow being edited, or, for a workflow never
 * saved, of the user's hidden scratch workflow (deleted from the start: no list, route or trigger sees it).
 * Drafts are pruned by execution retention once no execution uses them.
 */
@Injectable()
export class TestDraftsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflows: WorkflowsService,
  ) {}

  /** @throws NotFoundException when workflowId is given and is not the user's. */
  async save(userId: string, definition: WorkflowDefinition, workflowId?: string): Promise<TypedWorkflowVersion> {
    const ownerWorkflowId = workflowId ? (await this.workflows.owned(userId, workflowId)).id : await this.scratchWorkflow(userId);
    const version = await this.prisma.$transaction(async (tx) => {
      // The workflow row lock orders concurrent drafts (and saves), so each takes its own number.
      await tx.$queryRaw`SELECT 1 FROM "workflows" WHERE "id" = ${ownerWorkflowId}::uuid FOR UPDATE`;
      const lowest = await tx.workflowVersion.aggregate({ where: { workflowId: ownerWorkflowId }, _min: { version: true } });
      const number = Math.min(lowest._min.version ?? 0, 0) - 1;
      return tx.workflowVersion.create({ data: { workflowId: ownerWorkflowId, version: number, definition: definition as object } });
    });
    return { ...version, definition };
  }

  private async scratchWorkflow(userId: string): Promise<string> {
    const id = scratchWorkflowId(userId);
    await this.prisma.workflow
      .upsert({
        where: { id },
        create: { id, userId, name: 'Editor test runs', status: 'INACTIVE', currentVersion: 0, deletedAt: new Date() },
        update: {},
      })
      .catch(async (error) => {
        // Two first test runs at once: the other one created it.
        if (!(await this.prisma.workflow.count({ where: { id } }))) throw error;
      });
    return id;
  }
}

/** One per user, derived from the user id (a name-based UUID), so it needs no lookup column. */
export function scratchWorkflowId(userId: string): string {
  const hex = createHash('sha256').update(`test-runs:${userId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
