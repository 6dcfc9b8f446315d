import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JSON_OBJECT } from '@app/common';

export class PerformanceReportDto {
  @ApiProperty({ enum: ['15m', '1h', '24h'] }) window!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiPropertyOptional({ type: 'array', items: JSON_OBJECT, description: 'Per route (admins only): p50/p95/p99, throughput, error rate' })
  routes?: Record<string, unknown>[];
  @ApiPropertyOptional({ type: 'array', items: JSON_OBJECT, description: 'Per own workflow: p50/p95/p99, throughput, error rate' })
  workflows?: Record<string, unknown>[];
}

export class TraceListDto {
  @ApiProperty({ type: 'array', items: JSON_OBJECT, description: 'Most recent traces (last 24 h) with their database span' })
  items!: Record<string, unknown>[];
}
