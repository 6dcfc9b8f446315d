import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsIn, IsOptional, isISO8601, IsUUID } from 'class-validator';
import { PaginationQueryDto } from '@app/common';

const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'] as const;
const ISO_DATE_TIME = { message: '$property must be an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z' };

/** Only ISO 8601 becomes a Date: `new Date()` would also take "1" or "March 3" and guess. */
const toIsoDate = ({ value }: { value: unknown }) =>
  typeof value === 'string' && isISO8601(value, { strict: true }) ? new Date(value) : value;

export class ListExecutionsQuery extends PaginationQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() workflowId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ description: 'ISO 8601 date-time, inclusive', example: '2026-01-31T00:00:00Z' })
  @IsOptional()
  @Transform(toIsoDate)
  @IsDate(ISO_DATE_TIME)
  from?: Date;
  @ApiPropertyOptional({ description: 'ISO 8601 date-time, exclusive', example: '2026-02-01T00:00:00Z' })
  @IsOptional()
  @Transform(toIsoDate)
  @IsDate(ISO_DATE_TIME)
  to?: Date;
}
