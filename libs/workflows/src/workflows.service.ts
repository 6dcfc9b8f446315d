import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { afterCursor, CURSOR_ORDER, toPage } from '@app/common';
import { PrismaService, Workflow } from '@app/database';
import { CredentialReferencesService } from './credentials/credential-references.service';
import { literalSecretWarnings } from './credentials/literal-secret-warnings';
import { WorkflowDefinition } from './definition/workflow-definition';
import { CreateWorkflowDto } from './dto/create-workflow.dto';
import { UpdateWorkflowDto } from './dto/update-workflow.dto';
import { DagValidator } from './engine/dag-validator';
import { invalidDefinition } from './engine/definition-problem';
import { ScheduleIntervalPolicy } from './schedule-interval.policy';
import { toWorkflowResponse } from './workflow.mapper';
import { WorkflowEvents } from './workflow-events';
import { WorkflowTriggersService } from './workflow-triggers.service';
import { WorkflowVersionsService } from './workflow-versions.service';

@Injectable()
export class WorkflowsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly dag: DagValidator,
    private readonly triggers: WorkflowTriggersService,
    private readonly events: WorkflowEvents,
    private readonly scheduleLimits: ScheduleIntervalPolicy,
    private readonly workflowVersions: WorkflowVersionsService,
    private readonly credentialReferences: CredentialReferencesService,
  ) {}

  async create(userId: string, dto: CreateWorkflowDto) {
    const definition = await this.validated(dto.definition);
    await this.scheduleLimits.check(userId, definition);
    await this.credentialReferences.check(userId, definition);
    const workflow = await this.prisma.workflow.create({
      data: {
        userId,
        name: dto.name,
        description: dto.description,
        tags: dto.tags ?? [],
        versions: { create: { version: 1, definition: definition as object } },
      },
    });
    return { ...toWorkflowResponse(workflow, { definition: definition as object }), warnings: literalSecretWarnings(definition) };
  }

  async get(userId: string, id: string) {
    const workflow = await this.owned(userId, id);
    return toWorkflowResponse(workflow, await this.workflowVersions.current(workflow));
  }

  async update(userId: string, id: string, dto: UpdateWorkflowDto) {
    const workflow = await this.owned(userId, id);
    const definition = dto.definition ? await this.validated(dto.definition) : undefined;
    if (definition) await this.scheduleLimits.check(userId, definition);
    if (definition) await this.credentialReferences.check(userId, definition);
    const { updated, changed, version } = await this.prisma.$transaction(async (tx) => {
      // Locked, so concurrent saves are ordered and a save based on an older version is caught.
      const [{ currentVersion }] = await tx.$queryRaw<
        { currentVersion: number }[]
      >`SELECT "currentVersion" FROM "workflows" WHERE "id" = ${id}::uuid FOR UPDATE`;
      if (dto.baseVersion !== undefined && !dto.force && dto.baseVersion !== currentVersion)
        throw editConflict(id, dto.baseVersion, currentVersion);
      const nextVersion = currentVersion + 1;
      const version = definition
        ? await tx.workflowVersion.create({ data: { workflowId: id, version: nextVersion, definition: definition as object } })
        : await this.workflowVersions.current({ id, currentVersion }, tx);
      const updated = await tx.workflow.update({
        where: { id },
        data: { name: dto.name, description: dto.description, tags: dto.tags, ...(definition ? { currentVersion: nextVersion } : {}) },
      });
      const changed = definition && workflow.status === 'ACTIVE' ? await this.triggers.sync(tx, id, definition, true) : undefined;
      return { updated, changed, version };
    });
    if (changed) await this.events.triggersChanged(changed);
    return { ...toWorkflowResponse(updated, version), warnings: definition ? literalSecretWarnings(definition) : [] };
  }

  async remove(userId: string, id: string): Promise<void> {
    await this.owned(userId, id);
    const changed = await this.prisma.$transaction(async (tx) => {
      await tx.workflow.update({ where: { id }, data: { deletedAt: new Date(), status: 'INACTIVE' } });
      return this.triggers.sync(tx, id, { nodes: [], edges: [] }, false);
    });
    await this.events.triggersChanged(changed);
  }

  activate(userId: string, id: string) {
    return this.setActive(userId, id, true);
  }

  deactivate(userId: string, id: string) {
    return this.setActive(userId, id, false);
  }

  async versions(userId: string, id: string, query: { cursor?: string; limit?: number }) {
    await this.owned(userId, id);
    const limit = query.limit ?? 20;
    const rows = await this.prisma.workflowVersion.findMany({
      where: { workflowId: id, version: { gt: 0 }, ...afterCursor(query.cursor) },
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    return toPage(rows, limit, (v) => ({ id: v.id, version: v.version, definition: v.definition, createdAt: v.createdAt }));
  }

  async webhook(userId: string, id: string) {
    await this.owned(userId, id);
    const webhook = await this.prisma.webhook.findFirst({ where: { workflowId: id } });
    if (!webhook) throw new NotFoundException(`Workflow ${id} has no active webhook trigger`);
    return webhook;
  }

  /** The workflow if it exists, is not deleted and belongs to the user; otherwise 404 (never 403). */
  async owned(userId: string, id: string): Promise<Workflow> {
    const workflow = await this.prisma.workflow.findFirst({ where: { id, userId, deletedAt: null } });
    if (!workflow) throw new NotFoundException(`Workflow ${id} not found`);
    return workflow;
  }

  private async setActive(userId: string, id: string, active: boolean) {
    const workflow = await this.owned(userId, id);
    // Activation re-checks the limit: the owner's tier may have changed since the version was saved.
    if (active) await this.scheduleLimits.check(userId, (await this.workflowVersions.current(workflow)).definition);
    const { updated, changed, version } = await this.prisma.$transaction(async (tx) => {
      const version = await this.workflowVersions.current(workflow, tx);
      const changed = await this.triggers.sync(tx, id, version.definition, active);
      const updated = await tx.workflow.update({ where: { id }, data: { status: active ? 'ACTIVE' : 'INACTIVE' } });
      return { updated, changed, version };
    });
    await this.events.triggersChanged(changed);
    return toWorkflowResponse(updated, version);
  }

  /** The definition as plain JSON; 400 with `message` and structured `problems` when it is not valid. */
  async validated(dto: CreateWorkflowDto['definition']): Promise<WorkflowDefinition> {
    const definition = JSON.parse(JSON.stringify(dto)) as WorkflowDefinition;
    await this.dag.prepare(definition);
    const problems = this.dag.check(definition);
    if (problems.length) throw invalidDefinition(problems);
    return definition;
  }
}

function editConflict(id: string, baseVersion: number, currentVersion: number): ConflictException {
  return new ConflictException({
    message: `Workflow ${id} changed since version ${baseVersion} (now version ${currentVersion}): reload it, or save again with force: true to overwrite`,
    error: 'Conflict',
    currentVersion,
  });
}
