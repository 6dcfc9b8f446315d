import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { PrismaService } from '@app/database';
import { LifecycleService } from '@app/health';
import { ScheduleTrigger, TriggersChanged, WorkflowEvents } from '@app/workflows';
import { EXECUTION_QUEUE, ExecutionJob, JOB } from './execution-queue.constants';

const RETENTION_SCHEDULER = 'retention:prune';

/**
 * Schedules are BullMQ job schedulers: Redis holds one scheduler per schedule trigger, so however many
 * replicas run, each slot produces one job. Activation changes update them here.
 */
@Injectable()
export class ScheduleSyncService {
  private readonly logger = new Logger(ScheduleSyncService.name);

  constructor(
    private readonly prisma: PrismaService,
    events: WorkflowEvents,
    @InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue<ExecutionJob>,
    lifecycle: LifecycleService,
  ) {
    events.onTriggersChanged((event) => this.apply(event));
    // A start-up step, so it runs after the migrations; a failure is logged, not fatal: every replica
    // restores at boot, and activation changes update the schedulers anyway.
    lifecycle.registerStep('schedules', () =>
      this.restore().catch((error: Error) => this.logger.warn({ err: error.message }, 'Could not restore job schedulers at boot')),
    );
  }

  /**
   * Idempotent, run by every replica at boot: the retention scheduler, and a scheduler for every active
   * schedule in PostgreSQL, so schedules survive a Redis that lost its data or a failed update.
   */
  async restore(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RETENTION_SCHEDULER,
      { pattern: '17 3 * * *', tz: 'UTC' },
      { name: JOB.prune, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    const active = await this.prisma.schedule.findMany({ where: { active: true, workflow: { status: 'ACTIVE', deletedAt: null } } });
    for (const s of active) await this.upsert(s.workflowId, { nodeId: s.nodeId, cron: s.cron, timezone: s.timezone });
  }

  async apply(event: TriggersChanged): Promise<void> {
    const keep = new Set(event.schedules.map((s) => schedulerId(event.workflowId, s.nodeId)));
    const existing = await this.prisma.schedule.findMany({ where: { workflowId: event.workflowId }, select: { nodeId: true } });
    for (const s of event.schedules) await this.upsert(event.workflowId, s);
    const candidates = new Set([
      ...existing.map((s) => schedulerId(event.workflowId, s.nodeId)),
      ...(await this.schedulersOf(event.workflowId)),
    ]);
    for (const id of candidates) if (!keep.has(id)) await this.queue.removeJobScheduler(id);
  }

  private upsert(workflowId: string, s: ScheduleTrigger) {
    return this.queue.upsertJobScheduler(
      schedulerId(workflowId, s.nodeId),
      { pattern: s.cron, tz: s.timezone },
      {
        name: JOB.scheduled,
        data: { workflowId, nodeId: s.nodeId },
        opts: { removeOnComplete: true, removeOnFail: 100 },
      },
    );
  }

  private async schedulersOf(workflowId: string): Promise<string[]> {
    const all = await this.queue.getJobSchedulers(0, -1);
    return all.map((s) => s.key).filter((key) => key.startsWith(`schedule:${workflowId}:`));
  }
}

const schedulerId = (workflowId: string, nodeId: string) => `schedule:${workflowId}:${nodeId}`;
