import { Logger } from '@nestjs/common';
import { Metric, register } from 'prom-client';

/**
 * A value read from a dependency at scrape time: cached for ttlMs, loaded by one request at a time,
 * and waited for at most timeoutMs, so a slow or absent Redis/PostgreSQL can never hang /metrics.
 * `undefined` means "unknown right now": the caller exports no sample rather than a stale one.
 */
export class ScrapeCache<T> {
  private value?: T;
  private loadedAt = 0;
  private loading?: Promise<void>;
  private failing = false;

  constructor(
    private readonly what: string,
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly timeoutMs: number,
    private readonly logger = new Logger('Metrics'),
  ) {}

  async get(): Promise<T | undefined> {
    if (this.value !== undefined && Date.now() - this.loadedAt < this.ttlMs) return this.value;
    this.loading ??= this.refresh().finally(() => (this.loading = undefined));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.timeoutMs)));
    await Promise.race([this.loading, timeout]);
    clearTimeout(timer);
    return Date.now() - this.loadedAt < this.ttlMs ? this.value : undefined;
  }

  private async refresh(): Promise<void> {
    try {
      this.value = await this.load();
      this.loadedAt = Date.now();
      if (this.failing) this.logger.log({ metric: this.what }, 'metric source readable again');
      this.failing = false;
    } catch (err) {
      this.value = undefined;
      if (!this.failing)
        this.logger.warn({ metric: this.what, err: (err as Error).message }, 'metric source unreadable; exporting no sample');
      this.failing = true;
    }
  }
}

/**
 * Scrape-time metrics read this app's own queue or database, so each app instance registers its own
 * (replacing one left by an earlier instance in the same process, as in tests) and removes it on close.
 */
export function registerOwn<M extends Metric>(metric: M): M {
  const name = nameOf(metric);
  register.removeSingleMetric(name);
  register.registerMetric(metric);
  return metric;
}

export function unregisterOwn(metric: Metric): void {
  const name = nameOf(metric);
  if (register.getSingleMetric(name) === metric) register.removeSingleMetric(name);
}

const nameOf = (metric: Metric): string => (metric as unknown as { name: string }).name;
