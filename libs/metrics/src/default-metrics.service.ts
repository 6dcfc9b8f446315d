import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';
import { AppConfig } from '@app/config';

/**
 * Gauges that prom-client names like counters (promtool flags the "_total" suffix); each is only the
 * sum of its per-type sibling (nodejs_active_handles{type}, ...), so nothing is lost.
 */
const REDUNDANT = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/**
 * prom-client's process metrics (CPU, memory, event loop lag, GC, handles). They are process-wide,
 * so they are registered once per process even when several apps start in one (tests).
 */
@Injectable()
export class DefaultMetrics implements OnModuleInit {
  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (!this.config.observability.METRICS_ENABLED) return;
    if (register.getSingleMetric('process_cpu_user_seconds_total')) return;
    collectDefaultMetrics();
    for (const name of REDUNDANT) register.removeSingleMetric(name);
  }
}
