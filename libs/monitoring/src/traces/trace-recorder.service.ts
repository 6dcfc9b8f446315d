import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import { METRIC } from '@app/metrics';
import { RedisService } from '@app/redis';
import { LatencyHistogram } from './latency-histogram';
import { Trace, TraceScope } from './trace';
import {
  aggregateKey,
  bucketField,
  ERROR_FIELD,
  namesKey,
  RECENT_TRACES_KEPT,
  RECENT_TRACES_TTL_S,
  recentKey,
  Resolution,
  RESOLUTION_MS,
  RESOLUTION_TTL_S,
} from './trace-keys';

const FLUSH_INTERVAL_MS = 1_000;
/** Individual traces kept per flush: the latest ones; the aggregates count every trace regardless. */
const TRACES_PER_FLUSH = 100;
const FAILURE_LOG_INTERVAL_MS = 60_000;

interface Pending {
  scope: TraceScope;
  name: string;
  minute: number;
  histogram: LatencyHistogram;
}

/**
 * Records every HTTP request and execution as a trace. Recording is synchronous and in memory (a map
 * update): nothing on the request path waits for Redis. Once a second the pending aggregates go to
 * Redis in one pipeline; if Redis is unreachable that batch is dropped, logged (once a minute) and
 * counted as cache_operations_total{operation="trace_write",result="error"} — the requests never fail.
 */
@Injectable()
export class TraceRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TraceRecorder.name);
  private pending = new Map<string, Pending>();
  private recent: Trace[] = [];
  private recentNext = 0;
  private timer?: NodeJS.Timeout;
  private queue: Promise<void> = Promise.resolve();
  private lastFailureLog = 0;
  private failing = false;

  constructor(
    private readonly redis: RedisService,
    @InjectMetric(METRIC.cacheOperations) private readonly cacheOps: Counter<'operation' | 'result'>,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(trace: Trace): void {
    const minute = Math.floor(trace.at / RESOLUTION_MS.m);
    const key = `${trace.scope}\n${trace.name}\n${minute}`;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = { scope: trace.scope, name: trace.name, minute, histogram: new LatencyHistogram() };
      this.pending.set(key, pending);
    }
    pending.histogram.add(trace.durationMs, trace.error);
    this.recent[this.recentNext++ % TRACES_PER_FLUSH] = trace;
  }

  /** Sends what is pending now (after any flush in progress); never rejects. */
  flush(): Promise<void> {
    this.queue = this.queue.then(() => this.send());
    return this.queue;
  }

  private async send(): Promise<void> {
    const pending = [...this.pending.values()];
    const recent = this.takeRecent();
    if (pending.length === 0 && recent.length === 0) return;
    this.pending = new Map();
    try {
      const results = await this.pipeline(pending, recent).exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
      this.cacheOps.inc({ operation: 'trace_write', result: 'ok' });
      if (this.failing) this.logger.log('trace cache writable again');
      this.failing = false;
    } catch (err) {
      this.cacheOps.inc({ operation: 'trace_write', result: 'error' });
      this.failing = true;
      if (Date.now() - this.lastFailureLog >= FAILURE_LOG_INTERVAL_MS) {
        this.lastFailureLog = Date.now();
        this.logger.warn(
          { err: (err as Error).message, dropped: pending.length },
          'trace cache unreachable; traces dropped (requests unaffected)',
        );
      }
    }
  }

  private pipeline(pending: Pending[], recent: Trace[]) {
    const prefix = this.redis.keyPrefix;
    const pipeline = this.redis.client.pipeline();
    const names = new Map<string, { key: string; res: Resolution; members: Set<string> }>();
    for (const { scope, name, minute, histogram } of pending) {
      const slots: [Resolution, number][] = [
        ['m', minute],
        ['h', Math.floor((minute * RESOLUTION_MS.m) / RESOLUTION_MS.h)],
      ];
      for (const [res, slot] of slots) {
        const key = aggregateKey(prefix, res, scope, slot, name);
        for (const [bucket, count] of histogram.buckets) pipeline.hincrby(key, bucketField(bucket), count);
        if (histogram.errorCount) pipeline.hincrby(key, ERROR_FIELD, histogram.errorCount);
        pipeline.expire(key, RESOLUTION_TTL_S[res]);
        const setKey = namesKey(prefix, res, scope, slot);
        const entry = names.get(setKey) ?? { key: setKey, res, members: new Set<string>() };
        entry.members.add(name);
        names.set(setKey, entry);
      }
    }
    for (const { key, res, members } of names.values()) pipeline.sadd(key, ...members).expire(key, RESOLUTION_TTL_S[res]);
    for (const scope of new Set(recent.map((t) => t.scope))) {
      const key = recentKey(prefix, scope);
      pipeline.lpush(key, ...recent.filter((t) => t.scope === scope).map((t) => JSON.stringify(t)));
      pipeline.ltrim(key, 0, RECENT_TRACES_KEPT - 1).expire(key, RECENT_TRACES_TTL_S);
    }
    return pipeline;
  }

  /** The latest traces since the last flush, oldest first (so LPUSH leaves the newest at the head). */
  private takeRecent(): Trace[] {
    const count = Math.min(this.recentNext, TRACES_PER_FLUSH);
    const start = this.recentNext - count;
    const taken = Array.from({ length: count }, (_, i) => this.recent[(start + i) % TRACES_PER_FLUSH]);
    this.recent = [];
    this.recentNext = 0;
    return taken;
  }
}
