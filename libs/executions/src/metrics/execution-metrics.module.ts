import { Module } from '@nestjs/common';
import { makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { METRIC, MetricsModule } from '@app/metrics';
import { ExecutionQueueModule } from '../execution-queue.module';
import { ExecutionsModule } from '../executions.module';
import { ExecutionMetrics } from './execution-metrics.service';
import { QueueMetrics } from './queue-metrics.service';

const EXECUTION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Finished runs and queue depth on /metrics; imported by the API and the worker next to MetricsModule. */
@Module({
  imports: [ExecutionQueueModule, ExecutionsModule, MetricsModule],
  providers: [
    makeCounterProvider({
      name: METRIC.executions,
      help: 'Workflow executions finished, by final status and trigger.',
      labelNames: ['status', 'trigger'],
    }),
    makeHistogramProvider({
      name: METRIC.executionDuration,
      help: 'Workflow execution duration in seconds (queued excluded), by final status.',
      labelNames: ['status'],
      buckets: EXECUTION_BUCKETS,
    }),
    ExecutionMetrics,
    QueueMetrics,
  ],
})
export class ExecutionMetricsModule {}
