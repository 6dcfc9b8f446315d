import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@app/auth';
import { PerformanceQuery, TracesQuery } from './dto/performance.query';
import { PerformanceReportService } from './performance/performance-report.service';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('monitoring')
export class MonitoringController {
  constructor(private readonly reports: PerformanceReportService) {}

  /** p50/p95/p99, throughput and error rate per workflow (own) and per route (admins) over 15m, 1h or 24h. */
  @Get('performance')
  performance(@CurrentUser() user: AuthUser, @Query() query: PerformanceQuery) {
    return this.reports.report(user, query);
  }

  /** The most recent individual traces (last 24 h), with their database span. */
  @Get('traces')
  traces(@CurrentUser() user: AuthUser, @Query() query: TracesQuery) {
    return this.reports.traces(user, query);
  }
}
