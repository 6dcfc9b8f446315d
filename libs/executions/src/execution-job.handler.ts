import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { DelayedError, Job, Queue } from 'bullmq';
import { Counter } from 'prom-client';
import { PrismaService } from '@app/database';
import { CallbackTimeoutJob } from './callback-token';
import { CallbacksService } from './callbacks.service';
import { ConcurrencyLimiter } from './concurrency-limiter.service';
import { CancellationService } from './cancellation.service';
import { EXECUTION_QUEUE, ExecutionJob, JOB, RUN_JOB_OPTIONS, RunJobData } from './execution-queue.constants';
import { isFinal } from './execution-row';
import { ExecutionLoader } from './execution-loader.service';
import { ExecutionPortService } from './execution-port.service';
import { ExecutionRunService } from './execution-run.service';
import { ExecutionUpdatesPublisher } from './execution-updates.publisher';
import { EXECUTION_JOBS_ORPHANED } from './executions.metrics';
import { RetentionService } from './retention.service';
import { ScheduledRunService, ScheduleSlotJob } from './scheduled-run.service';

// Only a fallback: the release that frees a slot wakes the longest-waiting job at once.
const CONCURRENCY_RETRY_MS = 1_000;

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
    private readonly port: ExecutionPortService,
    private readonly callbacks: CallbacksService,
    @InjectMetric(EXECUTION_JOBS_ORPHANED) private readonly orphaned: Counter,
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
      case JOB.callbackTimeout:
        return this.callbacks.expire(job.data as CallbackTimeoutJob);
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  }

  private async runExecution(job: Job<RunJobData>, token?: string) {
    if (await this.cancellation.isRequested(job.data.executionId)) return { skipped: 'cancelled' };
    // A fresh job carries its row; a redelivered one (its worker died) must read the progress made.
    const fresh = job.name === JOB.run && job.data.snapshot && !job.stalledCounter && job.attemptsMade === 0;
    const loaded = fresh ? await this.loader.fromSnapshot(job.data.snapshot!) : await this.loader.load(job.data.executionId);
    if (!loaded) return this.orphan(job);
    if (isFinal(loaded.row.status)) return { skipped: true };
    const { row, plan, tier } = loaded;
    // Over the owner's tier limit: the job waits in the queue (delayed), it is never dropped.
    if (!(await this.limiter.acquire(row.userId, tier, row.id, { jobId: job.id!, queuedAt: job.timestamp }))) {
      await job.moveToDelayed(Date.now() + CONCURRENCY_RETRY_MS + Math.random() * CONCURRENCY_RETRY_MS, token);
      throw new DelayedError();
    }
    try {
      // A retry may start with reused steps recorded (also when the reconciler requeued it without the flag).
      const nothingYet = row.status === 'QUEUED' && !job.data.reuseSteps && row.trigger !== 'RETRY';
      const previous = nothingYet ? [] : await this.loader.steps(row.id);
      const outcome = await this.runs.runPersisted(row, plan, previous, this.port.linkFor(row));
      // Without delayMs the run waits for a callback: its resolution (or timeout job) queues the resume.
      if (outcome.status === 'DELAYED' && outcome.delayMs !== undefined)
        await this.queue.add(
          JOB.resume,
          { executionId: row.id },
          { ...RUN_JOB_OPTIONS, delay: outcome.delayMs, jobId: `${row.id}-resume-${previous.length + outcome.steps.length}` },
        );
      return { status: outcome.status };
    } finally {
      await this.limiter.release(row.userId, tier, row.id);
    }
  }

  /**
   * No execution row for this job: never completed silently (the execution would stay QUEUED for good
   * wherever it does exist). The job fails, is retried with backoff and then kept among the failed jobs.
   */
  private orphan(job: Job<RunJobData>): never {
    this.orphaned.inc();
    this.logger.error(
      { jobId: job.id, executionId: job.data.executionId, attempt: job.attemptsMade + 1 },
      'No execution row for this job: is another database using the same Redis prefix?',
    );
    throw new Error(`Execution ${job.data.executionId} not found in this worker's database`);
  }

  /** The job's attempts are spent: the execution ends FAILED with the cause instead of staying open. */
  async giveUp(job: Job<ExecutionJob>, error: Error): Promise<void> {
    const executionId = (job.data as RunJobData).executionId;
    if (!executionId || ![JOB.run, JOB.resume].includes(job.name as 'run')) return;
    const [failed] = await this.prisma.execution.updateManyAndReturn({
      where: { id: executionId, status: { in: ['QUEUED', 'RUNNING'] } },
      data: { status: 'FAILED', error: giveUpReason(job, error), finishedAt: new Date() },
      select: { userId: true },
    });
    this.updates.changed(executionId, failed?.userId);
  }
}

const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

function giveUpReason(job: Job<ExecutionJob>, error: Error): string {
  if (error.message === STALLED_TOO_OFTEN)
    return 'the worker processing this execution stopped unexpectedly twice; it was not retried again';
  return `Gave up after ${job.attemptsMade} attempts: ${error.message}`;
}
