import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { DelayedError, Job, Queue } from 'bullmq';
import { PrismaService } from '@app/database';
import { ConcurrencyLimiter } from './concurrency-limiter.service';
import { CancellationService } from './cancellation.service';
import { EXECUTION_QUEUE, ExecutionJob, JOB, RUN_JOB_OPTIONS, RunJobData } from './execution-queue.constants';
import { isFinal } from './execution-row';
import { ExecutionLoader } from './execution-loader.service';
import { ExecutionRunService } from './execution-run.service';
import { ExecutionUpdatesPublisher } from './execution-updates.publisher';
import { RetentionService } from './retention.service';
import { ScheduledRunService, ScheduleSlotJob } from './scheduled-run.service';

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
    private readonly scheduled: ScheduledRunService,
    private readonly retention: RetentionService,
    private readonly cancellation: CancellationService,
    private readonly updates: ExecutionUpdatesPublisher,
    @InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue<ExecutionJob>,
  ) {}

  async handle(job: Job<ExecutionJob>, token?: string): Promise<unknown> {
    switch (job.name) {
      case JOB.run:
      case JOB.resume:
        return this.runExecution(job as Job<RunJobData>, token);
      case JOB.scheduled:
        return this.scheduled.fire(job as ScheduleSlotJob);
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
      data: { status: 'FAILED', error: giveUpReason(job, error), finishedAt: new Date() },
    });
    this.updates.changed(executionId);
  }
}

const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

function giveUpReason(job: Job<ExecutionJob>, error: Error): string {
  if (error.message === STALLED_TOO_OFTEN) return 'the worker processing this execution stopped unexpectedly twice; it was not retried again';
  return `Gave up after ${job.attemptsMade} attempts: ${error.message}`;
}
