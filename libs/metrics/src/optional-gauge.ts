import { Gauge, MetricObjectWithValues, MetricValue } from 'prom-client';

/**
 * A label-less gauge read at scrape time that can be absent. prom-client always exports a label-less
 * gauge (0 when never set), but "no backup yet" must not look like "the last backup failed" (0) or a
 * success at 1970 (0): when `read` has no value the series is left out.
 */
export class OptionalGauge extends Gauge {
  constructor(
    config: { name: string; help: string },
    private readonly read: () => Promise<number | undefined>,
  ) {
    super({ ...config, registers: [] });
  }

  override async get(): Promise<MetricObjectWithValues<MetricValue<string>>> {
    const value = await this.read();
    const metric = await super.get();
    return { ...metric, values: value === undefined ? [] : [{ value, labels: {} }] };
  }
}
