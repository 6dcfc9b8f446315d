import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Job, Queue } from 'bullmq';
import { Counter } from 'prom-client';
import { createHash } from 'node:crypto';
import { PrismaService } from '@app/database';
import { RateLimiter } from '@app/throttling';
import { emptyTrigger, WorkflowVersionsService } from '@app/workflows';
import { EXECUTION_QUEUE, ExecutionJob, JOB, RUN_JOB_OPTIONS, runJobData } from './execution-queue.constants';
import { ExecutionWriter } from './execution-writer.service';
import { newExecutionRow } from './executions.service';
import { SCHEDULE_SLOTS_SKIPPED } from './executions.metrics';

export type ScheduleSlotJob = Job<{ workflowId: string; nodeId: string }>;

/**
 * A schedule slot fired (once across replicas, by the BullMQ job scheduler): run the active version.
 * Scheduled runs count against the owner's `execution` rate limit like manual runs; a slot over the
 * limit is recorded as a FAILED execution saying so (visible in the owner's list, never queued).
 */
@Injectable()
export class ScheduledRunService {
  private readonly logger = new Logger(ScheduledRunService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly writer: ExecutionWriter,
    private readonly workflowVersions: WorkflowVersionsService,
    private readonly rateLimits: RateLimiter,
    @InjectMetric(SCHEDULE_SLOTS_SKIPPED) private readonly skipped: Counter<'reason'>,
    @InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue<ExecutionJob>,
  ) {}

  async fire(job: ScheduleSlotJob) {
    const workflow = await this.prisma.workflow.findFirst({
      where: { id: job.data.workflowId, status: 'ACTIVE', deletedAt: null },
      include: { user: { select: { tier: true } } },
    });
    if (!workflow) return { skipped: 'inactive' };
    const version = await this.workflowVersions.current(workflow);
    // firedAt is the slot, not when a worker got to it; the id derives from the slot's job id, so a
    // redelivered slot job (its worker died after the insert) finds its execution instead of adding one.
    const firedAt = new Date(job.opts.prevMillis ?? job.timestamp).toISOString();
    const row = {
      ...newExecutionRow({
        workflowId: workflow.id,
        workflowVersionId: version.id,
        userId: workflow.userId,
        trigger: 'SCHEDULE',
        input: { ...emptyTrigger({ firedAt }), method: 'SCHEDULE' },
      }),
      id: slotExecutionId(job.id!),
    };
    const tier = workflow.user.tier;
    const rate = await this.rateLimits.consume('execution', { userId: workflow.userId, scope: 'schedule' }, tier);
    if (!rate.allowed) {
      const error = `Schedule slot skipped: the owner's execution rate limit (${rate.limit} runs per ${rate.windowSeconds} s for the ${tier} tier) was reached`;
      await this.writer.write({ insert: [{ ...row, status: 'FAILED', error, finishedAt: new Date(), durationMs: 0 }] });
      this.skipped.inc({ reason: 'rate_limit' });
      this.logger.warn(
        { workflowId: workflow.id, executionId: row.id, userId: workflow.userId, tier, limit: rate.limit },
        'Schedule slot skipped: execution rate limit reached',
      );
      return { executionId: row.id, skipped: 'rate_limit' };
    }
    await this.writer.write({ insert: [row] });
    await this.prisma.schedule.updateMany({
      where: { workflowId: workflow.id, nodeId: job.data.nodeId },
      data: { lastFiredAt: new Date() },
    });
    await this.queue.add(JOB.run, runJobData(row, tier), { ...RUN_JOB_OPTIONS, jobId: row.id });
    this.logger.log({ workflowId: workflow.id, executionId: row.id }, 'Schedule fired');
    return { executionId: row.id };
  }
}

/** A stable UUID-shaped id per schedule slot job (`repeat:<scheduler>:<slot millis>`). */
function slotExecutionId(jobId: string): string {
  const hex = createHash('sha256').update(jobId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
