import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { AlertRule, PrismaService } from '@app/database';
import { EXECUTION_QUEUE } from '@app/executions';
import { RedisService } from '@app/redis';
import { errorMessage, withTimeout } from '@app/common';

interface ExecutionStats {
  finished: number;
  failed: number;
  p95: number | null;
}

/**
 * Measures a rule's metric; null = nothing to judge (no finished executions, queue unreachable).
 * Execution metrics come from PostgreSQL over the executions that finished inside the window:
 * P95_LATENCY_MS is the 95th percentile of their durationMs (start to finish). PostgreSQL rather than
 * the monitoring trace cache: it covers rules over all of a user's workflows, not only one, and it
 * needs nothing but the database in the worker process.
 */
@Injectable()
export class AlertMetrics {
  private readonly logger = new Logger(AlertMetrics.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
    @InjectQueue(EXECUTION_QUEUE) private readonly executions: Queue,
  ) {}

  async measure(rule: AlertRule): Promise<number | null> {
    if (rule.metric === 'QUEUE_DEPTH') return this.queueDepth();
    const stats = await this.executionStats(rule);
    switch (rule.metric) {
      case 'EXECUTION_FAILURE_COUNT':
        return stats.failed;
      case 'EXECUTION_FAILURE_RATE':
        return stats.finished ? stats.failed / stats.finished : null;
      case 'P95_LATENCY_MS':
        return stats.p95;
    }
  }

  private async executionStats(rule: AlertRule): Promise<ExecutionStats> {
    // createdAt bounds the scan to an index range: a run finishing in the window started at most one
    // execution timeout before it (runs paused by flow.delay for longer are not counted).
    const lookback = rule.windowSeconds + Math.ceil(this.config.execution.EXECUTION_TIMEOUT_MS / 1_000);
    const [row] = await this.prisma.$queryRaw<ExecutionStats[]>`
      SELECT count(*)::int AS "finished",
             (count(*) FILTER (WHERE "status" IN ('FAILED', 'TIMED_OUT')))::int AS "failed",
             percentile_cont(0.95) WITHIN GROUP (ORDER BY "durationMs") AS "p95"
      FROM "executions"
      WHERE "userId" = ${rule.userId}::uuid
        AND (${rule.workflowId}::uuid IS NULL OR "workflowId" = ${rule.workflowId}::uuid)
        AND "status" IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT')
        AND "createdAt" >= now() - make_interval(secs => ${lookback}::int)
        AND "finishedAt" >= now() - make_interval(secs => ${rule.windowSeconds}::int)`;
    return { finished: Number(row.finished), failed: Number(row.failed), p95: row.p95 === null ? null : Number(row.p95) };
  }

  /** Executions waiting to start (waiting and prioritized jobs of the execution queue). */
  private async queueDepth(): Promise<number | null> {
    try {
      if (!this.redis.isReady()) throw new Error('Redis is not connected');
      const counts = await withTimeout(
        this.executions.getJobCounts('waiting', 'prioritized'),
        this.config.redis.REDIS_COMMAND_TIMEOUT_MS * 2,
        'Redis',
      );
      return (counts.waiting ?? 0) + (counts.prioritized ?? 0);
    } catch (error) {
      this.logger.warn({ err: errorMessage(error) }, 'Queue depth unavailable; QUEUE_DEPTH rules skipped this round');
      return null;
    }
  }
}
