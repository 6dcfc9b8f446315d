import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { register } from 'prom-client';
import { METRIC } from '@app/metrics';
import { RedisService } from '@app/redis';
import { RATE_LIMIT_FALLBACKS, RATE_LIMIT_REJECTIONS } from '@app/throttling';
import { opsKey, Resolution, RESOLUTION_MS, RESOLUTION_TTL_S } from '../traces/trace-keys';

const SAMPLE_INTERVAL_MS = 10_000;
const FAILURE_LOG_INTERVAL_MS = 60_000;

/** Hash fields of an operations slot. */
export const OPS_FIELD = { rejections: 'rlr', fallbacks: 'rlf', queueWaiting: 'qw', queueActive: 'qa' } as const;

/** Keeps the larger of the stored and the new value (queue depth: the slot's peak). */
const HSET_MAX = `local c = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
if tonumber(ARGV[2]) > c then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return redis.call('EXPIRE', KEYS[1], ARGV[3])`;

/**
 * Turns process-local Prometheus series into a shared time series: every 10 s (and before a read) the
 * growth of this replica's rate-limit rejection and fallback counters is added to the current minute
 * and hour in Redis (so replicas sum up), and the execution queue's depth is kept as the slot's peak.
 * The counters stay the source of truth for Prometheus; this only lets the console chart them without one.
 */
@Injectable()
export class OpsSampler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(OpsSampler.name);
  private timer?: NodeJS.Timeout;
  private last: { rejections: number; fallbacks: number } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private lastFailureLog = 0;

  constructor(private readonly redis: RedisService) {}

  async onModuleInit(): Promise<void> {
    // The baseline: what the counters held before this process started serving is not this window's.
    this.last = await counters();
    this.timer = setInterval(() => void this.sample(), SAMPLE_INTERVAL_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.queue;
  }

  /** Records one sample now (after any in progress); never rejects. */
  sample(now = Date.now()): Promise<void> {
    this.queue = this.queue.then(() => this.write(now));
    return this.queue;
  }

  private async write(now: number): Promise<void> {
    const current = await counters();
    const queue = await queueDepth();
    const previous = this.last ?? current;
    const delta = { rejections: current.rejections - previous.rejections, fallbacks: current.fallbacks - previous.fallbacks };
    const pipeline = this.redis.client.pipeline();
    for (const res of ['m', 'h'] as Resolution[]) {
      const key = opsKey(this.redis.keyPrefix, res, Math.floor(now / RESOLUTION_MS[res]));
      if (delta.rejections > 0) pipeline.hincrby(key, OPS_FIELD.rejections, delta.rejections);
      if (delta.fallbacks > 0) pipeline.hincrby(key, OPS_FIELD.fallbacks, delta.fallbacks);
      if (queue) {
        pipeline.eval(HSET_MAX, 1, key, OPS_FIELD.queueWaiting, queue.waiting, RESOLUTION_TTL_S[res]);
        pipeline.eval(HSET_MAX, 1, key, OPS_FIELD.queueActive, queue.active, RESOLUTION_TTL_S[res]);
      }
      pipeline.expire(key, RESOLUTION_TTL_S[res]);
    }
    try {
      const failed = (await pipeline.exec())?.find(([error]) => error);
      if (failed) throw failed[0];
      this.last = current;
    } catch (err) {
      // The growth is kept for the next sample: nothing is lost while Redis is away.
      if (Date.now() - this.lastFailureLog >= FAILURE_LOG_INTERVAL_MS) {
        this.lastFailureLog = Date.now();
        this.logger.warn({ err: (err as Error).message }, 'operations sample not written (Redis unreachable)');
      }
    }
  }
}

async function counters(): Promise<{ rejections: number; fallbacks: number }> {
  return { rejections: await counterTotal(RATE_LIMIT_REJECTIONS), fallbacks: await counterTotal(RATE_LIMIT_FALLBACKS) };
}

async function counterTotal(name: string): Promise<number> {
  const metric = register.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.reduce((sum, { value }) => sum + value, 0);
}

/** From the workflow_queue_jobs gauge (read from BullMQ, cached a few seconds); null where it is not registered or unreadable. */
async function queueDepth(): Promise<{ waiting: number; active: number } | null> {
  const metric = register.getSingleMetric(METRIC.queueJobs);
  if (!metric) return null;
  const { values } = await metric.get();
  if (values.length === 0) return null;
  const of = (state: string) => values.find((v) => v.labels.state === state)?.value ?? 0;
  return { waiting: of('waiting'), active: of('active') };
}
