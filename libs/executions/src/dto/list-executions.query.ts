import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional, isISO8601, IsUUID } from 'class-validator';
import { PaginationQueryDto } from '@app/common';

const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'] as const;
const TRIGGERS = ['WEBHOOK', 'MANUAL', 'SCHEDULE', 'RETRY', 'WORKFLOW', 'TEST'] as const;
const ISO_DATE_TIME = { message: '$property must be an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z' };

/** Only ISO 8601 becomes a Date: `new Date()` would also take "1" or "March 3" and guess. */
const toIsoDate = ({ value }: { value: unknown }) =>
  typeof value === 'string' && isISO8601(value, { strict: true }) ? new Date(value) : value;

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListExecutionsQuery extends PaginationQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() workflowId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ enum: TRIGGERS }) @IsOptional() @IsIn(TRIGGERS) trigger?: (typeof TRIGGERS)[number];
  @ApiPropertyOptional({ description: 'true: only editor test runs; false (the default): none (unless trigger=TEST)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'test must be true or false' })
  test?: boolean;
  @ApiPropertyOptional({ description: 'ISO 8601 date-time, inclusive', example: '2026-01-31T00:00:00Z' })
  @IsOptional()
  @Transform(toIsoDate)
  @IsDate(ISO_DATE_TIME)
  from?: Date;
  @ApiPropertyOptional({ description: 'ISO 8601 date-time, exclusive; from after to is a 400', example: '2026-02-01T00:00:00Z' })
  @IsOptional()
  @Transform(toIsoDate)
  @IsDate(ISO_DATE_TIME)
  to?: Date;
}
