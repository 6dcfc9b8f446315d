import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors } from '@app/common';
import { PerformanceReportDto, TraceListDto } from './dto/performance-responses.dto';
import { PerformanceQuery, TracesQuery } from './dto/performance.query';
import { PerformanceReportService } from './performance/performance-report.service';

@ApiTags('monitoring')
@ApiAuth()
@Controller('monitoring')
export class MonitoringController {
  constructor(private readonly reports: PerformanceReportService) {}

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
}
