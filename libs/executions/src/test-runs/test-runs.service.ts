import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { CredentialReferencesService, emptyTrigger, TestDraftsService, WorkflowsService } from '@app/workflows';
import { StartTestRunDto } from '../dto/start-test-run.dto';
import { ExecutionsService } from '../executions.service';

/** Editor test runs: the draft is validated like a save, stored as a hidden draft version, and queued like a manual run (trigger TEST). */
@Injectable()
export class TestRunsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflows: WorkflowsService,
    private readonly credentialReferences: CredentialReferencesService,
    private readonly drafts: TestDraftsService,
    private readonly executions: ExecutionsService,
  ) {}

  async start(userId: string, dto: StartTestRunDto) {
    const definition = await this.workflows.validated(dto.definition);
    await this.credentialReferences.check(userId, definition);
    const version = await this.drafts.save(userId, definition, dto.workflowId);
    const { tier } = await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { tier: true } });
    const input = { ...emptyTrigger(dto.input ?? {}), method: 'MANUAL' };
    const row = await this.executions.enqueue(
      { workflowId: version.workflowId, workflowVersionId: version.id, userId, trigger: 'TEST', input },
      tier,
    );
    return {
      id: row.id,
      status: row.status,
      trigger: row.trigger,
      workflowId: row.workflowId,
      workflowVersionId: row.workflowVersionId,
      queuedAt: row.queuedAt,
    };
  }
}
