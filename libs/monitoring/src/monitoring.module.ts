import { Module } from '@nestjs/common';
import { ExecutionsModule } from '@app/executions';
import { PerformanceService } from './performance/performance.service';
import { ExecutionTraceListener } from './traces/execution-trace.listener';
import { TraceRecorder } from './traces/trace-recorder.service';

/**
 * Performance traces: every finished execution is recorded (in whichever process runs it — API with
 * the inline worker, or the worker app) and PerformanceService reads the figures back. Needs the
 * global MetricsModule and RedisModule.
 */
@Module({
  imports: [ExecutionsModule],
  providers: [TraceRecorder, PerformanceService, ExecutionTraceListener],
  exports: [TraceRecorder, PerformanceService],
})
export class MonitoringModule {}
