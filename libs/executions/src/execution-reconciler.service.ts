import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { JobType, Queue } from 'bullmq';
import { Counter } from 'prom-client';
import { AppConfig } from '@app/config';
import { Execution, PrismaService } from '@app/database';
import { ExecutionEvents } from './execution-events';
import { EXECUTION_QUEUE, ExecutionJob, JOB, RUN_JOB_OPTIONS } from './execution-queue.constants';
import { ExecutionUpdatesPublisher } from './execution-updates.publisher';
import { EXECUTIONS_RECONCILED, ReconcileAction } from './executions.metrics';

const BATCH = 500;
/** Jobs in these states still drive their execution; completed ones are removed, failed ones are done. */
const LIVE_JOB_STATES: JobType[] = ['active', 'wait', 'delayed', 'prioritized', 'waiting-children', 'paused'];

type Stale = Pick<Execution, 'id' | 'workflowId' | 'userId' | 'trigger' | 'status' | 'queuedAt' | 'startedAt' | 'updatedAt'>;

/** Run jobs are `<executionId>`, resume jobs `<executionId>-resume-<n>`, callback timeouts `<executionId>-callback-timeout-<node>`. */
const executionOfJob = (jobId: string) => jobId.split(/-(?:resume|callback)-/)[0];

/**
 * Finds QUEUED/RUNNING executions untouched for RECONCILE_GRACE_MS whose queue job is gone (Redis lost
 * it) or failed (its FAILED write failed too), and settles them: a QUEUED one is queued again, a delayed
 * run gets its resume job back, anything else is marked FAILED with the reason. A RUNNING execution
 * without a job may be a sync webhook running inline in an API process (those never have a job), so it
 * is only failed once it has outlived EXECUTION_TIMEOUT_MS, when no live run can still be going.
 */
@Injectable()
export class ExecutionReconciler {
  private readonly logger = new Logger(ExecutionReconciler.name);

  constructor(
    private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly updates: ExecutionUpdatesPublisher,
    private readonly events: ExecutionEvents,
    @InjectMetric(EXECUTIONS_RECONCILED) private readonly reconciled: Counter<'action'>,
    @InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue<ExecutionJob>,
  ) {}

  async reconcile(now = Date.now()): Promise<Record<ReconcileAction, number>> {
    const counts: Record<ReconcileAction, number> = { requeued: 0, resumed: 0, failed: 0 };
    const stale: Stale[] = await this.prisma.execution.findMany({
      where: { status: { in: ['QUEUED', 'RUNNING'] }, updatedAt: { lt: new Date(now - this.config.execution.RECONCILE_GRACE_MS) } },
      select: { id: true, workflowId: true, userId: true, trigger: true, status: true, queuedAt: true, startedAt: true, updatedAt: true },
      orderBy: { updatedAt: 'asc' },
      take: BATCH,
    });
    if (!stale.length) return counts;
    // Job ids only (one Lua script per call, so a job moving between states is seen in one of them).
    const [live, failed] = await Promise.all([this.queue.getRanges(LIVE_JOB_STATES, 0, -1), this.queue.getRanges(['failed'], 0, -1)]);
    const driven = new Set(live.map(executionOfJob));
    const failedJobOf = new Map(failed.map((jobId) => [executionOfJob(jobId), jobId]));
    for (const execution of stale) {
      if (driven.has(execution.id)) continue;
      const action = await this.settle(execution, failedJobOf.get(execution.id), now);
      if (!action) continue;
      counts[action]++;
      this.reconciled.inc({ action });
      this.logger.warn(
        { executionId: execution.id, was: execution.status, action },
        'Reconciled an execution whose queue job was gone or failed',
      );
    }
    return counts;
  }

  private async settle(execution: Stale, failedJobId: string | undefined, now: number): Promise<ReconcileAction | null> {
    if (failedJobId) {
      const job = await this.queue.getJob(failedJobId);
      return this.fail(
        execution,
        `Its queue job failed after ${job?.attemptsMade ?? '?'} attempts and the failure was not recorded: ${job?.failedReason ?? 'unknown error'}`,
      );
    }
    if (execution.status === 'QUEUED') {
      await this.queue.add(JOB.run, { executionId: execution.id }, { ...RUN_JOB_OPTIONS, jobId: execution.id });
      return 'requeued';
    }
    const last = await this.prisma.executionStep.findFirst({
      where: { executionId: execution.id },
      orderBy: { sequence: 'desc' },
      select: { nodeType: true, status: true, sequence: true, output: true },
    });
    if (last?.nodeType === 'flow.delay' && last.status === 'SUCCEEDED') {
      const resumeAt = Date.parse((last.output as { resumeAt?: string } | null)?.resumeAt ?? '');
      const delay = Number.isNaN(resumeAt) ? 0 : Math.max(0, resumeAt - now);
      await this.queue.add(
        JOB.resume,
        { executionId: execution.id },
        { ...RUN_JOB_OPTIONS, delay, jobId: `${execution.id}-resume-${last.sequence + 1}` },
      );
      return 'resumed';
    }
    const startedAt = (execution.startedAt ?? execution.queuedAt).getTime();
    if (now - startedAt <= this.config.execution.EXECUTION_TIMEOUT_MS + this.config.execution.RECONCILE_GRACE_MS) return null;
    return this.fail(execution, 'No worker was running it and its queue job was gone (e.g. lost in a Redis restart)');
  }

  /** Only if nothing changed the row since it was read: a run that made progress meanwhile is left alone. */
  private async fail(execution: Stale, error: string): Promise<ReconcileAction | null> {
    const finishedAt = new Date();
    const { count } = await this.prisma.execution.updateMany({
      where: { id: execution.id, status: execution.status, updatedAt: execution.updatedAt },
      data: { status: 'FAILED', error, finishedAt },
    });
    if (!count) return null;
    this.updates.changed(execution.id, execution.userId);
    this.events.finished({
      executionId: execution.id,
      workflowId: execution.workflowId,
      userId: execution.userId,
      status: 'FAILED',
      trigger: execution.trigger,
      durationMs: null,
      error,
    });
    return 'failed';
  }
}
