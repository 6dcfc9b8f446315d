import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { LoadReading, LoadSampler } from './load-sampler';

const SAMPLE_INTERVAL_MS = 1_000;
/** Pressure ends only this far below a threshold, so a reading hovering at it does not flap the limits. */
const HYSTERESIS = 0.05;

/**
 * The adaptive limiter: while process CPU or memory is above THROTTLE_ADAPTIVE_* thresholds,
 * every limit is multiplied by THROTTLE_ADAPTIVE_FACTOR; when both fall back, limits relax.
 */
@Injectable()
export class AdaptiveLoadService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit:adaptive');
  private readonly sampler = new LoadSampler();
  private pressure = false;
  private latest: LoadReading = { cpu: 0, memory: 0 };
  private timer?: NodeJS.Timeout;

  constructor(private readonly config: AppConfig) {}

  get underPressure(): boolean {
    return this.pressure;
  }

  get reading(): LoadReading {
    return this.latest;
  }

  /** Feeds one reading (the sampler does every second; tests inject theirs after stopSampling()). */
  observe(reading: LoadReading): void {
    this.latest = reading;
    const {
      THROTTLE_ADAPTIVE_CPU_THRESHOLD: cpuLimit,
      THROTTLE_ADAPTIVE_MEMORY_THRESHOLD: memoryLimit,
      THROTTLE_ADAPTIVE_FACTOR: factor,
    } = this.config.throttle;
    if (!this.pressure && (reading.cpu > cpuLimit || reading.memory > memoryLimit)) {
      this.pressure = true;
      this.logger.warn({ ...rounded(reading), factor }, 'Process under pressure: rate limits tightened');
    } else if (this.pressure && reading.cpu < cpuLimit - HYSTERESIS && reading.memory < memoryLimit - HYSTERESIS) {
      this.pressure = false;
      this.logger.log(rounded(reading), 'Pressure gone: rate limits back to normal');
    }
  }

  onModuleInit(): void {
    if (!this.config.throttle.THROTTLE_ENABLED) return;
    this.timer = setInterval(() => this.observe(this.sampler.sample()), SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  stopSampling(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  onModuleDestroy(): void {
    this.stopSampling();
  }
}

function rounded(reading: LoadReading): LoadReading {
  return { cpu: Math.round(reading.cpu * 100) / 100, memory: Math.round(reading.memory * 100) / 100 };
}
