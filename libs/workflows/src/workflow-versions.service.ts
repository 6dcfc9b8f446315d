import { Injectable, InternalServerErrorException } from '@nestjs/common';
import { Prisma, PrismaService, Workflow, WorkflowVersion } from '@app/database';
import { WorkflowDefinition } from './definition/workflow-definition';

/** A stored version with its definition typed (definitions are validated on save, before they are stored). */
export type TypedWorkflowVersion = Omit<WorkflowVersion, 'definition'> & { definition: WorkflowDefinition };

/** Reads workflow versions: the one a workflow runs now, or one pinned by an execution. */
@Injectable()
export class WorkflowVersionsService {
  constructor(private readonly prisma: PrismaService) {}

  /** The version the workflow runs now (its currentVersion); inside a transaction when given one. */
  async current(
    workflow: Pick<Workflow, 'id' | 'currentVersion'>,
    tx: Prisma.TransactionClient = this.prisma,
  ): Promise<TypedWorkflowVersion> {
    const version = await tx.workflowVersion.findUniqueOrThrow({
      where: { workflowId_version: { workflowId: workflow.id, version: workflow.currentVersion } },
    });
    return typed(version);
  }

  async byId(versionId: string): Promise<TypedWorkflowVersion> {
    return typed(await this.prisma.workflowVersion.findUniqueOrThrow({ where: { id: versionId } }));
  }
}

function typed(version: WorkflowVersion): TypedWorkflowVersion {
  const { definition } = version;
  if (!isDefinition(definition)) throw new InternalServerErrorException(`Workflow version ${version.id} has no valid definition stored`);
  return { ...version, definition };
}

function isDefinition(value: unknown): value is WorkflowDefinition {
  const candidate = value as Partial<WorkflowDefinition> | null;
  return typeof candidate === 'object' && candidate !== null && Array.isArray(candidate.nodes) && Array.isArray(candidate.edges);
}
