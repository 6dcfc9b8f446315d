import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { RedisService } from '@app/redis';
import { PerformancePoint, PerformanceService, TraceCacheUnavailableError } from '../performance/performance.service';
import { WindowName, WINDOWS, windowSlots } from '../performance/performance-window';
import { opsKey } from '../traces/trace-keys';
import { OPS_FIELD, OpsSampler } from './ops-sampler.service';

type SeriesStats = Omit<PerformancePoint, 'at'>;

export interface OperationsPoint {
  at: Date;
  requests: SeriesStats;
  executions: SeriesStats;
  rateLimitRejections: number;
  rateLimitFallbacks: number;
  /** The slot's peak of waiting / running executions; null when no sample was taken in it. */
  queueWaiting: number | null;
  queueActive: number | null;
}

/**
 * The platform over time, one point per minute (windows up to 2 h) or hour: every HTTP request and
 * every execution merged (from the trace cache), rate-limit rejections and fallbacks, queue depth.
 * Platform-wide, so for admins only (the controller enforces it).
 */
@Injectable()
export class OperationsSeriesService {
  constructor(
    private readonly performance: PerformanceService,
    private readonly sampler: OpsSampler,
    private readonly redis: RedisService,
  ) {}

  async series(windowName: WindowName) {
    const windowMs = WINDOWS[windowName];
    await this.sampler.sample();
    try {
      const [requests, executions, samples] = await Promise.all([
        this.performance.series('route', windowMs),
        this.performance.series('workflow', windowMs),
        this.samples(windowMs),
      ]);
      const points: OperationsPoint[] = requests.points.map(({ at, ...request }, i) => {
        const { at: _at, ...execution } = executions.points[i];
        const sample = samples[i] ?? {};
        return {
          at,
          requests: request,
          executions: execution,
          rateLimitRejections: Number(sample[OPS_FIELD.rejections] ?? 0),
          rateLimitFallbacks: Number(sample[OPS_FIELD.fallbacks] ?? 0),
          queueWaiting: numberOrNull(sample[OPS_FIELD.queueWaiting]),
          queueActive: numberOrNull(sample[OPS_FIELD.queueActive]),
        };
      });
      return { window: windowName, from: requests.from, to: requests.to, resolutionSeconds: requests.resolutionSeconds, points };
    } catch (err) {
      if (err instanceof TraceCacheUnavailableError) throw new ServiceUnavailableException(err.message);
      throw err;
    }
  }

  private async samples(windowMs: number): Promise<Record<string, string>[]> {
    const window = windowSlots(windowMs);
    const pipeline = this.redis.client.pipeline();
    for (const slot of window.slots) pipeline.hgetall(opsKey(this.redis.keyPrefix, window.res, slot));
    try {
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
      return results.map(([, value]) => value as Record<string, string>);
    } catch {
      throw new TraceCacheUnavailableError('The operations samples (Redis) are unavailable');
    }
  }
}

const numberOrNull = (value: string | undefined) => (value === undefined ? null : Number(value));
