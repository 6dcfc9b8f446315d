import { Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { ChainableCommander } from 'ioredis';
import { Counter } from 'prom-client';
import { METRIC } from '@app/metrics';
import { RedisService } from '@app/redis';
import { LatencyHistogram, LatencySummary } from '../traces/latency-histogram';
import { Trace, TraceScope } from '../traces/trace';
import { aggregateKey, bucketOfField, ERROR_FIELD, namesKey, Resolution, RESOLUTION_MS, recentKey } from '../traces/trace-keys';
import { TraceRecorder } from '../traces/trace-recorder.service';
import { windowSlots } from './performance-window';

export interface PerformanceStats extends LatencySummary {
  name: string;
  errorRate: number;
  /** Per second over the window. */
  throughput: number;
}

export interface PerformanceSummary {
  from: Date;
  to: Date;
  stats: PerformanceStats[];
}

export interface PerformancePoint extends Omit<PerformanceStats, 'name'> {
  /** Start of the slot. */
  at: Date;
}

export interface PerformanceSeries {
  from: Date;
  to: Date;
  resolutionSeconds: number;
  points: PerformancePoint[];
}

/** The trace cache (Redis) could not be read. */
export class TraceCacheUnavailableError extends Error {}

/** At most this many routes or workflows are read for one summary (bounds one request's Redis work). */
const MAX_NAMES = 500;

/**
 * Reads the trace cache: per route or per workflow, count, p50/p95/p99, throughput and error rate
 * over a window. Shared with notifications (alert rules on p95 latency and error rate).
 */
@Injectable()
export class PerformanceService {
  private readonly logger = new Logger(PerformanceService.name);

  constructor(
    private readonly redis: RedisService,
    private readonly recorder: TraceRecorder,
    @InjectMetric(METRIC.cacheOperations) private readonly cacheOps: Counter<'operation' | 'result'>,
  ) {}

  /** p50/p95/p99 (ms) of one route ("GET /executions/:id") or workflow (its id); null when nothing ran in the window. */
  async percentiles(
    scope: TraceScope,
    name: string,
    windowMs: number,
  ): Promise<Pick<PerformanceStats, 'count' | 'p50Ms' | 'p95Ms' | 'p99Ms'> | null> {
    const stats = await this.stats(scope, name, windowMs);
    return stats && { count: stats.count, p50Ms: stats.p50Ms, p95Ms: stats.p95Ms, p99Ms: stats.p99Ms };
  }

  /** Everything known about one route or workflow over the window; null when nothing ran in it. */
  async stats(scope: TraceScope, name: string, windowMs: number): Promise<PerformanceStats | null> {
    const { stats } = await this.summary(scope, windowMs, [name]);
    return stats[0] ?? null;
  }

  /**
   * Every route or workflow seen in the window (or only `names`), slowest p95 first. Includes this
   * replica's not-yet-flushed traces; other replicas' arrive within a second.
   * @throws TraceCacheUnavailableError when Redis cannot be read.
   */
  async summary(scope: TraceScope, windowMs: number, names?: string[]): Promise<PerformanceSummary> {
    await this.recorder.flush();
    const window = windowSlots(windowMs);
    const histograms = await this.read(scope, window.res, window.slots, names);
    const stats = [...histograms].map(([name, histogram]) => toStats(name, histogram, window.seconds));
    stats.sort((a, b) => (b.p95Ms ?? 0) - (a.p95Ms ?? 0) || a.name.localeCompare(b.name));
    return { from: window.from, to: window.to, stats };
  }

  /** Every route or workflow of one complete hour (from the hourly aggregates), for snapshots. */
  async hour(scope: TraceScope, start: Date): Promise<PerformanceStats[]> {
    await this.recorder.flush();
    const slot = Math.floor(start.getTime() / RESOLUTION_MS.h);
    const histograms = await this.read(scope, 'h', [slot]);
    return [...histograms].map(([name, histogram]) => toStats(name, histogram, RESOLUTION_MS.h / 1000));
  }

  /** The most recent individual traces of a scope (newest first), optionally of some names only. */
  async recent(scope: TraceScope, limit: number, accept: (trace: Trace) => boolean = () => true): Promise<Trace[]> {
    await this.recorder.flush();
    const raw = await this.guarded(() => this.redis.client.lrange(recentKey(this.redis.keyPrefix, scope), 0, -1));
    const since = Date.now() - 24 * 3_600_000;
    const traces: Trace[] = [];
    for (const entry of raw) {
      const trace = parseTrace(entry);
      if (trace && trace.at >= since && accept(trace)) traces.push(trace);
      if (traces.length >= limit) break;
    }
    return traces;
  }

  /**
   * Every route or workflow (or only `names`) merged into one figure per slot of the window, oldest
   * first: the time series behind the operations charts. Throughput is per second of the slot (of its
   * elapsed part for the current one).
   */
  async series(scope: TraceScope, windowMs: number, names?: string[]): Promise<PerformanceSeries> {
    await this.recorder.flush();
    const window = windowSlots(windowMs);
    const { list, results } = await this.readSlots(scope, window.res, window.slots, names);
    const size = RESOLUTION_MS[window.res];
    const now = window.to.getTime();
    const points = window.slots.map((slot, s) => {
      const histogram = new LatencyHistogram();
      for (let i = 0; i < list.length; i++) mergeInto(histogram, results[i * window.slots.length + s]);
      const seconds = Math.max(1, Math.min(size, now - slot * size) / 1000);
      const { name: _all, ...stats } = toStats('', histogram, seconds);
      return { at: new Date(slot * size), ...stats };
    });
    return { from: window.from, to: window.to, resolutionSeconds: size / 1000, points };
  }

  private async read(scope: TraceScope, res: Resolution, slots: number[], names?: string[]): Promise<Map<string, LatencyHistogram>> {
    const { list, results } = await this.readSlots(scope, res, slots, names);
    const histograms = new Map<string, LatencyHistogram>();
    list.forEach((name, i) => {
      const histogram = new LatencyHistogram();
      for (let s = 0; s < slots.length; s++) mergeInto(histogram, results[i * slots.length + s]);
      if (histogram.count > 0) histograms.set(name, histogram);
    });
    return histograms;
  }

  /** The aggregate hashes of every wanted name in every slot, name-major (results[nameIndex * slots + slotIndex]). */
  private async readSlots(scope: TraceScope, res: Resolution, slots: number[], names?: string[]) {
    const prefix = this.redis.keyPrefix;
    const list = (await this.wanted(scope, res, slots, names)).slice(0, MAX_NAMES);
    if (list.length === 0) return { list, results: [] };
    const pipeline = this.redis.client.pipeline();
    for (const name of list) for (const slot of slots) pipeline.hgetall(aggregateKey(prefix, res, scope, slot, name));
    return { list, results: await this.guarded(() => execAll(pipeline)) };
  }

  /** `names` (all names seen in the window when undefined); a long list (a user's workflows) narrowed to those seen. */
  private async wanted(scope: TraceScope, res: Resolution, slots: number[], names?: string[]): Promise<string[]> {
    if (names && names.length <= 1) return names;
    const seen = await this.namesIn(scope, res, slots);
    if (!names) return seen;
    const allowed = new Set(names);
    return seen.filter((name) => allowed.has(name));
  }

  private async namesIn(scope: TraceScope, res: Resolution, slots: number[]): Promise<string[]> {
    const pipeline = this.redis.client.pipeline();
    for (const slot of slots) pipeline.smembers(namesKey(this.redis.keyPrefix, res, scope, slot));
    const results = await this.guarded(() => execAll(pipeline));
    const names = new Set<string>();
    for (const [, members] of results) (members as string[]).forEach((name) => names.add(name));
    return [...names].sort();
  }

  private async guarded<T>(read: () => Promise<T>): Promise<T> {
    try {
      const result = await read();
      this.cacheOps.inc({ operation: 'trace_read', result: 'ok' });
      return result;
    } catch (err) {
      this.cacheOps.inc({ operation: 'trace_read', result: 'error' });
      this.logger.warn({ err: (err as Error).message }, 'trace cache unreadable');
      throw new TraceCacheUnavailableError('The performance trace cache (Redis) is unavailable');
    }
  }
}

/** A pipeline's replies; rejects if any command failed (with the fail-fast client, all of them do while Redis is down). */
async function execAll(pipeline: ChainableCommander): Promise<[Error | null, unknown][]> {
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return results;
}

function mergeInto(histogram: LatencyHistogram, result: [Error | null, unknown] | undefined): void {
  for (const [field, value] of Object.entries((result?.[1] as Record<string, string> | undefined) ?? {})) {
    if (field === ERROR_FIELD) histogram.errorCount += Number(value);
    const bucket = bucketOfField(field);
    if (bucket !== null) histogram.addBucket(bucket, Number(value));
  }
}

function parseTrace(entry: string): Trace | null {
  try {
    return JSON.parse(entry) as Trace;
  } catch {
    return null;
  }
}

export function toStats(name: string, histogram: LatencyHistogram, seconds: number): PerformanceStats {
  const summary = histogram.summary();
  return {
    name,
    ...summary,
    errorRate: summary.count ? round(summary.errorCount / summary.count, 4) : 0,
    throughput: round(summary.count / seconds, 6),
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
