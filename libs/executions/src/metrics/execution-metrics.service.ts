import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter, Histogram } from 'prom-client';
import { METRIC } from '@app/metrics';
import { ExecutionEvents, ExecutionFinished } from '../execution-events';

const FAILED = new Set(['FAILED', 'TIMED_OUT']);

/** workflow_executions_total, workflow_execution_duration_seconds and errors_total{type="execution"}, per finished run. */
@Injectable()
export class ExecutionMetrics implements OnModuleInit {
  constructor(
    private readonly events: ExecutionEvents,
    @InjectMetric(METRIC.executions) private readonly executions: Counter<'status' | 'trigger'>,
    @InjectMetric(METRIC.executionDuration) private readonly duration: Histogram<'status'>,
    @InjectMetric(METRIC.errors) private readonly errors: Counter<'type'>,
  ) {}

  onModuleInit(): void {
    this.events.onFinished((event) => this.record(event));
  }

  private record(event: ExecutionFinished): void {
    const status = event.status.toLowerCase();
    this.executions.inc({ status, trigger: event.trigger.toLowerCase() });
    if (event.durationMs !== null) this.duration.observe({ status }, event.durationMs / 1000);
    if (FAILED.has(event.status)) this.errors.inc({ type: 'execution' });
  }
}
