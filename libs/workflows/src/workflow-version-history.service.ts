import { Injectable, NotFoundException } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { diffDefinitions } from './definition/definition-diff';
import { UpdateWorkflowDto } from './dto/update-workflow.dto';
import { TypedWorkflowVersion, WorkflowVersionsService } from './workflow-versions.service';
import { WorkflowsService } from './workflows.service';

/** Restoring and comparing saved versions. History is immutable: a restore saves a new version. */
@Injectable()
export class WorkflowVersionHistoryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflows: WorkflowsService,
    private readonly versions: WorkflowVersionsService,
  ) {}

  /** A new version equal to the old one (validated and applied like any save). */
  async restore(userId: string, workflowId: string, versionId: string) {
    await this.workflows.owned(userId, workflowId);
    const old = await this.version(workflowId, versionId);
    const restored = await this.workflows.update(userId, workflowId, { definition: old.definition } as unknown as UpdateWorkflowDto);
    return { ...restored, restoredFrom: { id: old.id, version: old.version } };
  }

  async diff(userId: string, workflowId: string, fromId: string, toId: string) {
    await this.workflows.owned(userId, workflowId);
    const [from, to] = await Promise.all([this.version(workflowId, fromId), this.version(workflowId, toId)]);
    return {
      from: { id: from.id, version: from.version },
      to: { id: to.id, version: to.version },
      ...diffDefinitions(from.definition, to.definition),
    };
  }

  private async version(workflowId: string, versionId: string): Promise<TypedWorkflowVersion> {
    const found = await this.prisma.workflowVersion.findFirst({ where: { id: versionId, workflowId }, select: { id: true } });
    if (!found) throw new NotFoundException(`Version ${versionId} of workflow ${workflowId} not found`);
    return this.versions.byId(found.id);
  }
}
