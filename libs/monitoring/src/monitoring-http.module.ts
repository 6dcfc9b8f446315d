import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { ExecutionsModule } from '@app/executions';
import { MetricsModule } from '@app/metrics';
import { RedisModule } from '@app/redis';
import { MonitoringController } from './monitoring.controller';
import { MonitoringModule } from './monitoring.module';
import { OperationsSeriesService } from './operations/operations-series.service';
import { OpsSampler } from './operations/ops-sampler.service';
import { PerformanceReportService } from './performance/performance-report.service';
import { PerformanceSnapshotService } from './performance/performance-snapshot.service';
import { ExecutionStreamController } from './streams/execution-stream.controller';
import { ExecutionStreamService } from './streams/execution-stream.service';
import { UserExecutionsStreamService } from './streams/user-executions-stream.service';
import { HttpTraceHook } from './traces/http-trace.hook';

/**
 * The API side: HTTP requests traced, GET /monitoring/performance, /traces and /timeseries (admins,
 * with the operations sampler), the live execution stream (GET /executions/:id/events) and the hourly
 * snapshot (@nestjs/schedule: the app registers ScheduleModule.forRoot()).
 */
@Module({
  imports: [MonitoringModule, ExecutionsModule, DatabaseModule, RedisModule, MetricsModule],
  controllers: [MonitoringController, ExecutionStreamController],
  providers: [
    HttpTraceHook,
    OpsSampler,
    OperationsSeriesService,
    PerformanceReportService,
    PerformanceSnapshotService,
    ExecutionStreamService,
    UserExecutionsStreamService,
  ],
  exports: [MonitoringModule],
})
export class MonitoringHttpModule {}
