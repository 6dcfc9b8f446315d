import { Global, Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { ExecutionQueueModule, ExecutionsModule } from '@app/executions';
import { BackupMetrics } from './backup-metrics.service';
import { DatabaseMetrics } from './database-metrics.service';
import { DefaultMetrics } from './default-metrics.service';
import { ExecutionMetrics } from './execution-metrics.service';
import { HttpMetricsHook } from './http-metrics.hook';
import { METRIC_PROVIDERS } from './metric-providers';
import { MetricsController } from './metrics.controller';
import { QueueMetrics } from './queue-metrics.service';

/**
 * The Prometheus registry (prom-client's default one), GET /metrics and the platform's series. Global,
 * so any library can `@InjectMetric(METRIC.x)`; other libraries define their own series the same way
 * (makeCounterProvider), and they all appear on the same /metrics. Imported by the API and the worker.
 */
@Global()
@Module({
  imports: [
    PrometheusModule.register({ controller: MetricsController, path: '/metrics', defaultMetrics: { enabled: false } }),
    ExecutionQueueModule,
    ExecutionsModule,
  ],
  providers: [...METRIC_PROVIDERS, DefaultMetrics, HttpMetricsHook, DatabaseMetrics, ExecutionMetrics, QueueMetrics, BackupMetrics],
  exports: METRIC_PROVIDERS,
})
export class MetricsModule {}
