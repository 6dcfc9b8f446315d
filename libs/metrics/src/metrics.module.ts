import { Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { DatabaseModule } from '@app/database';
import { DatabaseMetrics } from './database-metrics.service';
import { DefaultMetrics } from './default-metrics.service';
import { HttpMetricsHook } from './http-metrics.hook';
import { LiveStreams } from './live-streams.service';
import { METRIC_PROVIDERS } from './metric-providers';
import { MetricsController } from './metrics.controller';

/**
 * The Prometheus registry (prom-client's default one), GET /metrics and the platform's series. A library
 * that injects one of these series (`@InjectMetric(METRIC.x)`) imports this module; other libraries define
 * their own series the same way (makeCounterProvider), and they all appear on the same /metrics. Imported by
 * the API and the worker.
 */
@Module({
  imports: [
    DatabaseModule,
    PrometheusModule.register({ controller: MetricsController, path: '/metrics', defaultMetrics: { enabled: false } }),
  ],
  providers: [...METRIC_PROVIDERS, DefaultMetrics, HttpMetricsHook, DatabaseMetrics, LiveStreams],
  exports: [...METRIC_PROVIDERS, LiveStreams],
})
export class MetricsModule {}
