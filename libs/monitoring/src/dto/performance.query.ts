import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { WINDOWS, WindowName } from '../performance/performance-window';
import { TRACE_SCOPES, TraceScope } from '../traces/trace';

const WINDOW_NAMES = Object.keys(WINDOWS) as WindowName[];

export class PerformanceQuery {
  @ApiPropertyOptional({ enum: WINDOW_NAMES, default: '1h' })
  @IsOptional()
  @IsIn(WINDOW_NAMES)
  window?: WindowName;

  @ApiPropertyOptional({ enum: TRACE_SCOPES, description: 'Omit for both (routes only for admins)' })
  @IsOptional()
  @IsIn(TRACE_SCOPES)
  scope?: TraceScope;
}

export class TracesQuery {
  @ApiPropertyOptional({ enum: TRACE_SCOPES, default: 'workflow' })
  @IsOptional()
  @IsIn(TRACE_SCOPES)
  scope?: TraceScope;

  @ApiPropertyOptional({ description: 'A route ("GET /executions/:id") or a workflow id' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class OperationsSeriesQuery {
  @ApiPropertyOptional({ enum: WINDOW_NAMES, default: '1h' })
  @IsOptional()
  @IsIn(WINDOW_NAMES)
  window?: WindowName;
}
