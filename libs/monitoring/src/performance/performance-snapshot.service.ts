import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { PrismaService } from '@app/database';
import { RedisService } from '@app/redis';
import { TRACE_SCOPES, TraceScope } from '../traces/trace';
import { RESOLUTION_MS, snapshotLockKey } from '../traces/trace-keys';
import { PerformanceService } from './performance.service';

const HOUR_MS = RESOLUTION_MS.h;
/** Longer than a run can take, shorter than the hour: one replica per hourly run. */
const LOCK_TTL_MS = 30 * 60_000;

/**
 * Persists each hour's per-route and per-workflow figures to PerformanceSnapshot (history beyond the
 * trace cache's 24 h). Runs at five past every hour on every API replica; a Redis SET NX lock lets
 * one of them do it. It writes the last two complete hours (upserts on scope+name+windowStart), so one
 * missed run (Redis or PostgreSQL down, no replica up) is caught up by the next.
 */
@Injectable()
export class PerformanceSnapshotService {
  private readonly logger = new Logger(PerformanceSnapshotService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
    private readonly performance: PerformanceService,
  ) {}

  @Cron('5 * * * *', { name: 'performance-snapshot' })
  async hourly(): Promise<void> {
    await this.runOnce().catch((err: Error) =>
      this.logger.warn({ err: err.message }, 'performance snapshot failed; the next hourly run catches up'),
    );
  }

  /** Takes the lock for the current hour, then snapshots the two previous hours; false if another replica has it. */
  async runOnce(now = Date.now()): Promise<boolean> {
    const hour = Math.floor(now / HOUR_MS);
    const locked = await this.redis.client.set(snapshotLockKey(this.redis.keyPrefix, hour), String(process.pid), 'PX', LOCK_TTL_MS, 'NX');
    if (locked !== 'OK') return false;
    for (const start of [(hour - 2) * HOUR_MS, (hour - 1) * HOUR_MS]) await this.persistHour(new Date(start));
    return true;
  }

  /** Upserts one row per route and per workflow that ran in the hour starting at `start`; returns how many. */
  async persistHour(start: Date): Promise<number> {
    let rows = 0;
    for (const scope of TRACE_SCOPES) rows += await this.persistScope(scope, start);
    if (rows) this.logger.log({ hour: start.toISOString(), rows }, 'performance snapshot written');
    return rows;
  }

  private async persistScope(scope: TraceScope, start: Date): Promise<number> {
    const stats = await this.performance.hour(scope, start);
    const windowStart = start;
    const windowEnd = new Date(start.getTime() + HOUR_MS);
    for (const s of stats) {
      const figures = {
        windowEnd,
        count: s.count,
        errorCount: s.errorCount,
        p50Ms: s.p50Ms ?? 0,
        p95Ms: s.p95Ms ?? 0,
        p99Ms: s.p99Ms ?? 0,
        throughput: s.throughput,
      };
      await this.prisma.performanceSnapshot.upsert({
        where: { scope_name_windowStart: { scope, name: s.name, windowStart } },
        create: { scope, name: s.name, windowStart, ...figures },
        update: figures,
      });
    }
    return stats.length;
  }
}
