import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { METRIC, registerOwn, ScrapeCache, unregisterOwn } from '@app/metrics';
import { EXECUTION_QUEUE } from '../execution-queue.constants';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
type QueueState = (typeof QUEUE_STATES)[number];

/** Every replica reads the same queue: a scrape costs one Redis script call at most every few seconds. */
const CACHE_MS = 5_000;
const TIMEOUT_MS = 500;

/** workflow_queue_jobs{state}: the execution queue's depth, read from BullMQ when Prometheus scrapes. */
@Injectable()
export class QueueMetrics implements OnModuleInit, OnModuleDestroy {
  private gauge?: Gauge<'state'>;
  private readonly counts = new ScrapeCache(METRIC.queueJobs, () => this.read(), CACHE_MS, TIMEOUT_MS);

  constructor(@InjectQueue(EXECUTION_QUEUE) private readonly queue: Queue) {}

  onModuleInit(): void {
    const counts = this.counts;
    this.gauge = registerOwn(
      new Gauge({
        name: METRIC.queueJobs,
        help: 'Jobs in the workflow execution queue, by state (read from Redis at scrape time; absent while Redis is unreachable).',
        labelNames: ['state'],
        registers: [],
        async collect() {
          this.reset();
          const current = await counts.get();
          if (current) for (const state of QUEUE_STATES) this.set({ state }, current[state]);
        },
      }),
    );
  }

  onModuleDestroy(): void {
    if (this.gauge) unregisterOwn(this.gauge);
  }

  private async read(): Promise<Record<QueueState, number>> {
    const raw = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
    // BullMQ keeps paused and prioritized jobs in lists of their own; all of them are waiting to run.
    const waiting = (raw.waiting ?? 0) + (raw.paused ?? 0) + (raw.prioritized ?? 0);
    return { waiting, active: raw.active ?? 0, delayed: raw.delayed ?? 0, failed: raw.failed ?? 0, completed: raw.completed ?? 0 };
  }
}
