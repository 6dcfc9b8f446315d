import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { DelayedError, Job, Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { PrismaService } from '@app/database';
import { emptyTrigger } from '@app/workflows';
import { ConcurrencyLimiter } from './concurrency-limiter.service';
import { CancellationService } from './cancellation.service';
import { EXECUTION_QUEUE, ExecutionJob, JOB, RUN_JOB_OPTIONS, RunJobData, runJobData } from './execution-queue.constants';
import { isFinal } from './execution-row';
import { ExecutionLoader } from './execution-loader.service';
import { ExecutionRunService } from './execution-run.service';
import { newExecutionRow } from './executions.service';
import { ExecutionWriter } from './execution-writer.service';
import { RetentionService } from './retention.service';

const CONCURRENCY_RETRY_MS = 250;

/** What a worker does with each kind of job on the execution queue. */
@Injectable()
export class ExecutionJobHandler {
  private readonly logger = new Logger(ExecutionJobHandler.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly loader: ExecutionLoader,
    private readonly runs: ExecutionRunService,
    private readonly limiter: ConcurrencyLimiter,
    private readonly writer: ExecutionWriter,
    private readonly retention: RetentionService,
    private readonly cancellation: CancellationService,
    @InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue<ExecutionJob>,
  ) {}

  async handle(job: Job<ExecutionJob>, token?: string): Promise<unknown> {
    switch (job.name) {
      case JOB.run:
      case JOB.resume:
        return this.runExecution(job as Job<RunJobData>, token);
      case JOB.scheduled:
        return this.fireSchedule(job as Job<{ workflowId: string; nodeId: string }>);
      case JOB.prune:
        return { deleted: await this.retention.prune() };
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  }

  private async runExecution(job: Job<RunJobData>, token?: string) {
    if (await this.cancellation.isRequested(job.data.executionId)) return { skipped: 'cancelled' };
    // A fresh job carries its row; a redelivered one (its worker died) must read the progress made.
    const fresh = job.name === JOB.run && job.data.snapshot && !job.stalledCounter && job.attemptsMade === 0;
    const loaded = fresh ? await this.loader.fromSnapshot(job.data.snapshot!) : await this.loader.load(job.data.executionId);
    if (!loaded || isFinal(loaded.row.status)) return { skipped: true };
    const { row, plan, tier } = loaded;
    // Over the owner's tier limit: the job waits in the queue (delayed), it is never dropped.
    if (!(await this.limiter.acquire(row.userId, tier, row.id))) {
      await job.moveToDelayed(Date.now() + CONCURRENCY_RETRY_MS + Math.random() * CONCURRENCY_RETRY_MS, token);
      throw new DelayedError();
    }
    try {
      const previous = row.status === 'QUEUED' ? [] : await this.loader.steps(row.id);
      const outcome = await this.runs.runPersisted(row, plan, previous);
      if (outcome.status === 'DELAYED')
        await this.queue.add(JOB.resume, { executionId: row.id }, { ...RUN_JOB_OPTIONS, delay: outcome.delayMs, jobId: `${row.id}-resume-${previous.length + outcome.steps.length}` });
      return { status: outcome.status };
    } finally {
      await this.limiter.release(row.userId, row.id);
    }
  }

  /** The job's attempts are spent: the execution ends FAILED with the cause instead of staying open. */
  async giveUp(job: Job<ExecutionJob>, error: Error): Promise<void> {
    const executionId = (job.data as RunJobData).executionId;
    if (!executionId || ![JOB.run, JOB.resume].includes(job.name as 'run')) return;
    await this.prisma.execution.updateMany({
      where: { id: executionId, status: { in: ['QUEUED', 'RUNNING'] } },
      data: { status: 'FAILED', error: `Gave up after ${job.attemptsMade} attempts: ${error.message}`, finishedAt: new Date() },
    });
  }

  /** A schedule slot fired (once across replicas, by the BullMQ job scheduler): run the active version. */
  private async fireSchedule(job: Job<{ workflowId: string; nodeId: string }>) {
    const workflow = await this.prisma.workflow.findFirst({ where: { id: job.data.workflowId, status: 'ACTIVE', deletedAt: null }, include: { user: { select: { tier: true } } } });
    if (!workflow) return { skipped: 'inactive' };
    const version = await this.prisma.workflowVersion.findUniqueOrThrow({ where: { workflowId_version: { workflowId: workflow.id, version: workflow.currentVersion } }, select: { id: true } });
    // firedAt is the slot, not when a worker got to it; the id derives from the slot's job id, so a
    // redelivered slot job (its worker died after the insert) finds its execution instead of adding one.
    const firedAt = new Date(job.opts.prevMillis ?? job.timestamp).toISOString();
    const row = { ...newExecutionRow({ workflowId: workflow.id, workflowVersionId: version.id, userId: workflow.userId, trigger: 'SCHEDULE', input: { ...emptyTrigger({ firedAt }), method: 'SCHEDULE' } }), id: slotExecutionId(job.id!) };
    await this.writer.write({ insert: [row] });
    await this.prisma.schedule.updateMany({ where: { workflowId: workflow.id, nodeId: job.data.nodeId }, data: { lastFiredAt: new Date() } });
    await this.queue.add(JOB.run, runJobData(row, workflow.user.tier), { ...RUN_JOB_OPTIONS, jobId: row.id });
    this.logger.log({ workflowId: workflow.id, executionId: row.id }, 'Schedule fired');
    return { executionId: row.id };
  }
}

/** A stable UUID-shaped id per schedule slot job (`repeat:<scheduler>:<slot millis>`). */
function slotExecutionId(jobId: string): string {
  const hex = createHash('sha256').update(jobId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
