import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, AuthUser, CurrentUser, Roles } from '@app/auth';
import { ApiErrors } from '@app/common';
import { PerformanceReportDto, TraceListDto } from './dto/performance-responses.dto';
import { OperationsSeriesDto } from './dto/operations-series.dto';
import { OperationsSeriesQuery, PerformanceQuery, TracesQuery } from './dto/performance.query';
import { OperationsSeriesService } from './operations/operations-series.service';
import { PerformanceReportService } from './performance/performance-report.service';

@ApiTags('monitoring')
@ApiAuth()
@Controller('monitoring')
export class MonitoringController {
  constructor(
    private readonly reports: PerformanceReportService,
    private readonly operations: OperationsSeriesService,
  ) {}

  /** p50/p95/p99, throughput and error rate per workflow (own) and per route (admins) over 15m, 1h or 24h. */
  @Get('performance')
  @ApiOperation({ summary: 'Latency percentiles, throughput and error rate per workflow and route' })
  @ApiOkResponse({ type: PerformanceReportDto })
  @ApiErrors(400, 403, 503)
  performance(@CurrentUser() user: AuthUser, @Query() query: PerformanceQuery) {
    return this.reports.report(user, query);
  }

  /** The most recent individual traces (last 24 h), with their database span. */
  @Get('traces')
  @ApiOperation({ summary: 'Most recent request and execution traces' })
  @ApiOkResponse({ type: TraceListDto })
  @ApiErrors(400, 403, 503)
  traces(@CurrentUser() user: AuthUser, @Query() query: TracesQuery) {
    return this.reports.traces(user, query);
  }

  /** The platform over time for the operations charts: requests, executions, rate limits, queue depth. */
  @Get('timeseries')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Platform time series (admins): throughput, p50/p95/p99, error rate, rate limits, queue depth per slot' })
  @ApiOkResponse({ type: OperationsSeriesDto })
  @ApiErrors(400, 403, 503)
  timeseries(@Query() query: OperationsSeriesQuery) {
    return this.operations.series(query.window ?? '1h');
  }
}
