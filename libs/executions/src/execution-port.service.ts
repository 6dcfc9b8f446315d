import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AppConfig, publicBaseUrl } from '@app/config';
import { Prisma, PrismaService } from '@app/database';
import {
  CallbackState,
  ChildRunRequest,
  ChildRunResult,
  emptyTrigger,
  ExecutionPort,
  NodeFailure,
  RunLink,
  RunPlan,
  RunPlanCache,
  WorkflowVersionsService,
} from '@app/workflows';
import { callbackTimeoutJobId, callbackTokenHash, newCallbackToken } from './callback-token';
import { DECISION_OF } from './callbacks.service';
import { EXECUTION_QUEUE, ExecutionJob, JOB, RUN_JOB_OPTIONS } from './execution-queue.constants';
import { ExecutionRunService } from './execution-run.service';
import { newExecutionRow } from './executions.service';

/**
 * What workflow.call, flow.forEach and flow.waitForCallback ask of the executions lib. A child runs in the
 * parent's job (its own execution record, linked by parentExecutionId): no second worker slot is taken, so
 * nested calls cannot deadlock the queue; that is also why a called workflow may not pause.
 */
@Injectable()
export class ExecutionPortService implements ExecutionPort {
  constructor(
    private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly runs: ExecutionRunService,
    private readonly plans: RunPlanCache,
    private readonly versions: WorkflowVersionsService,
    @InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue<ExecutionJob>,
  ) {}

  /** The link of a top-level execution (its own workflow starts the call chain). */
  linkFor(row: { id: string; userId: string; workflowId: string }): RunLink {
    return { executionId: row.id, userId: row.userId, workflowId: row.workflowId, callChain: [row.workflowId], port: this };
  }

  async runChild(parent: RunLink, request: ChildRunRequest): Promise<ChildRunResult> {
    const { versionId, plan } = await this.childPlan(parent.userId, request);
    const row = newExecutionRow({
      workflowId: request.workflowId,
      workflowVersionId: versionId,
      userId: parent.userId,
      trigger: 'WORKFLOW',
      input: { ...emptyTrigger(request.input), method: 'WORKFLOW' },
    });
    await this.prisma.execution.create({
      data: {
        id: row.id,
        workflowId: row.workflowId,
        workflowVersionId: versionId,
        userId: row.userId,
        trigger: 'WORKFLOW',
        status: 'QUEUED',
        input: row.input as Prisma.InputJsonValue,
        queuedAt: row.queuedAt,
        parentExecutionId: parent.executionId,
      },
    });
    const link: RunLink = {
      executionId: row.id,
      userId: row.userId,
      workflowId: row.workflowId,
      callChain: [...parent.callChain, row.workflowId],
      port: this,
    };
    await this.runs.runPersisted(row, plan, [], link);
    return { executionId: row.id, status: row.status as ChildRunResult['status'], output: row.output ?? null, error: row.error };
  }

  async callback(link: RunLink, nodeId: string, timeoutMs: number): Promise<CallbackState> {
    const key = { executionId_nodeId: { executionId: link.executionId, nodeId } };
    const existing = await this.prisma.executionCallback.findUnique({ where: key });
    if (existing && existing.status !== 'WAITING')
      return {
        state: 'resolved',
        decision: DECISION_OF[existing.status],
        data: existing.data,
        resolvedAt: (existing.resolvedAt ?? new Date()).toISOString(),
      };
    // Registered again (a redelivered job): a new token replaces the one never shown; the deadline stays.
    const token = newCallbackToken();
    const tokenHash = callbackTokenHash(token);
    const expiresAt = existing?.expiresAt ?? new Date(Date.now() + timeoutMs);
    if (existing) {
      const { count } = await this.prisma.executionCallback.updateMany({
        where: { id: existing.id, status: 'WAITING' },
        data: { tokenHash },
      });
      if (!count) return this.callback(link, nodeId, timeoutMs);
    } else {
      await this.prisma.executionCallback.create({ data: { executionId: link.executionId, nodeId, tokenHash, expiresAt } });
    }
    await this.queue.add(
      JOB.callbackTimeout,
      { executionId: link.executionId, nodeId },
      { ...RUN_JOB_OPTIONS, delay: Math.max(0, expiresAt.getTime() - Date.now()), jobId: callbackTimeoutJobId(link.executionId, nodeId) },
    );
    return { state: 'waiting', callbackUrl: `${publicBaseUrl(this.config)}/callbacks/${token}`, expiresAt: expiresAt.toISOString() };
  }

  private async childPlan(userId: string, { workflowId, version }: ChildRunRequest): Promise<{ versionId: string; plan: RunPlan }> {
    const workflow = await this.prisma.workflow.findFirst({
      where: { id: workflowId, userId },
      select: { id: true, currentVersion: true },
    });
    if (!workflow) throw new NodeFailure(`workflow ${workflowId} not found among your workflows`, true);
    const stored = await this.prisma.workflowVersion.findUnique({
      where: { workflowId_version: { workflowId, version: version ?? workflow.currentVersion } },
      select: { id: true },
    });
    if (!stored) throw new NodeFailure(`workflow ${workflowId} has no version ${version}`, true);
    const plan = this.plans.peek(stored.id) ?? this.plans.get(stored.id, (await this.versions.byId(stored.id)).definition);
    if (plan.hasDelay)
      throw new NodeFailure(`workflow ${workflowId} pauses (flow.delay or flow.waitForCallback), which a called workflow cannot do`, true);
    return { versionId: stored.id, plan };
  }
}
