import { Module } from '@nestjs/common';
import { ExecutionsModule } from '@app/executions';
import { MonitoringController } from './monitoring.controller';
import { MonitoringModule } from './monitoring.module';
import { PerformanceReportService } from './performance/performance-report.service';
import { PerformanceSnapshotService } from './performance/performance-snapshot.service';
import { ExecutionStreamController } from './streams/execution-stream.controller';
import { ExecutionStreamService } from './streams/execution-stream.service';
import { HttpTraceHook } from './traces/http-trace.hook';

/**
 * The API side: HTTP requests traced, GET /monitoring/performance and /monitoring/traces, the live
 * execution stream (GET /executions/:id/events) and the hourly snapshot (@nestjs/schedule: the app
 * registers ScheduleModule.forRoot()).
 */
@Module({
  imports: [MonitoringModule, ExecutionsModule],
  controllers: [MonitoringController, ExecutionStreamController],
  providers: [HttpTraceHook, PerformanceReportService, PerformanceSnapshotService, ExecutionStreamService],
  exports: [MonitoringModule],
})
export class MonitoringHttpModule {}
