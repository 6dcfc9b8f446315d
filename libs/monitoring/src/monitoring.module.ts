import { Module } from '@nestjs/common';
import { ExecutionsModule } from '@app/executions';
import { MetricsModule } from '@app/metrics';
import { RedisModule } from '@app/redis';
import { PerformanceService } from './performance/performance.service';
import { ExecutionTraceListener } from './traces/execution-trace.listener';
import { TraceRecorder } from './traces/trace-recorder.service';

/**
 * Performance traces: every finished execution is recorded (in whichever process runs it — API with
 * the inline worker, or the worker app) and PerformanceService reads the figures back.
 */
@Module({
  imports: [ExecutionsModule, RedisModule, MetricsModule],
  providers: [TraceRecorder, PerformanceService, ExecutionTraceListener],
  exports: [TraceRecorder, PerformanceService],
})
export class MonitoringModule {}
