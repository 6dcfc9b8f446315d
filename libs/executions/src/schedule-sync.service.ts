import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { PrismaService } from '@app/database';
import { TriggersChanged, WorkflowEvents } from '@app/workflows';
import { EXECUTION_QUEUE, ExecutionJob, JOB } from './execution-queue.constants';

const RETENTION_SCHEDULER = 'retention:prune';

/**
 * Schedules are BullMQ job schedulers: Redis holds one scheduler per schedule trigger, so however many
 * replicas run, each slot produces one job. Activation changes update them here.
 */
@Injectable()
export class ScheduleSyncService implements OnApplicationBootstrap {
  constructor(
    private readonly prisma: PrismaService,
    events: WorkflowEvents,
    @InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue<ExecutionJob>,
  ) {
    events.onTriggersChanged((event) => this.apply(event));
  }

  /** Idempotent: every replica may run it at boot. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(RETENTION_SCHEDULER, { pattern: '17 3 * * *', tz: 'UTC' }, { name: JOB.prune, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
  }

  async apply(event: TriggersChanged): Promise<void> {
    const keep = new Set(event.schedules.map((s) => schedulerId(event.workflowId, s.nodeId)));
    const existing = await this.prisma.schedule.findMany({ where: { workflowId: event.workflowId }, select: { nodeId: true } });
    for (const s of event.schedules)
      await this.queue.upsertJobScheduler(schedulerId(event.workflowId, s.nodeId), { pattern: s.cron, tz: s.timezone }, {
        name: JOB.scheduled,
        data: { workflowId: event.workflowId, nodeId: s.nodeId },
        opts: { removeOnComplete: true, removeOnFail: 100 },
      });
    const candidates = new Set([...existing.map((s) => schedulerId(event.workflowId, s.nodeId)), ...(await this.schedulersOf(event.workflowId))]);
    for (const id of candidates) if (!keep.has(id)) await this.queue.removeJobScheduler(id);
  }

  private async schedulersOf(workflowId: string): Promise<string[]> {
    const all = await this.queue.getJobSchedulers(0, -1);
    return all.map((s) => s.key).filter((key) => key.startsWith(`schedule:${workflowId}:`));
  }
}

const schedulerId = (workflowId: string, nodeId: string) => `schedule:${workflowId}:${nodeId}`;
