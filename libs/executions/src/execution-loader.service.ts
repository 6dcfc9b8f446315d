import { Injectable } from '@nestjs/common';
import { PrismaService, UserTier } from '@app/database';
import { RunPlan, RunPlanCache, StepRecord, WorkflowVersionsService } from '@app/workflows';
import { ExecutionRow } from './execution-row';

export interface LoadedExecution {
  row: ExecutionRow;
  plan: RunPlan;
  tier: UserTier;
}

/** Reads what a worker needs to run an execution: the row, its pinned version's plan, the owner's tier. */
@Injectable()
export class ExecutionLoader {
  constructor(
    private readonly prisma: PrismaService,
    private readonly plans: RunPlanCache,
    private readonly workflowVersions: WorkflowVersionsService,
  ) {}

  async load(executionId: string): Promise<LoadedExecution | null> {
    const execution = await this.prisma.execution.findUnique({
      where: { id: executionId },
      include: { user: { select: { tier: true } } },
    });
    if (!execution) return null;
    const { user, updatedAt: _u, createdAt: _c, ...row } = execution;
    const plan = await this.plan(execution.workflowVersionId);
    return { row: row as ExecutionRow, plan, tier: user.tier };
  }

  /** From the row a fresh job carries (dates come back from JSON as strings). */
  async fromSnapshot(snapshot: { row: ExecutionRow; tier: UserTier }): Promise<LoadedExecution> {
    const row: ExecutionRow = { ...snapshot.row, queuedAt: new Date(snapshot.row.queuedAt), startedAt: null, finishedAt: null };
    const plan = await this.plan(row.workflowVersionId);
    return { row, plan, tier: snapshot.tier };
  }

  async steps(executionId: string): Promise<StepRecord[]> {
    const steps = await this.prisma.executionStep.findMany({ where: { executionId }, orderBy: { sequence: 'asc' } });
    return steps.map((s) => ({
      ...s,
      status: s.status as StepRecord['status'],
      attempts: (s.attempts ?? []) as unknown as StepRecord['attempts'],
    }));
  }

  /** Versions are immutable: the definition is read only the first time a process meets the version. */
  private async plan(versionId: string): Promise<RunPlan> {
    return this.plans.peek(versionId) ?? this.plans.get(versionId, (await this.workflowVersions.byId(versionId)).definition);
  }
}
