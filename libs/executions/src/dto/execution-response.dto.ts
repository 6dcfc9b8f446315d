import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JSON_OBJECT } from '@app/common';

const NULLABLE_JSON = { ...JSON_OBJECT, nullable: true } as const;
const NULLABLE_DATE = { type: String, format: 'date-time', nullable: true } as const;

export class ExecutionStepDto {
  @ApiProperty() nodeId!: string;
  @ApiProperty() nodeType!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ example: 'SUCCEEDED' }) status!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty(NULLABLE_JSON) input!: Record<string, unknown> | null;
  @ApiProperty(NULLABLE_JSON) output!: Record<string, unknown> | null;
  @ApiProperty(NULLABLE_JSON) error!: Record<string, unknown> | null;
  @ApiProperty(NULLABLE_DATE) startedAt!: string | null;
  @ApiProperty(NULLABLE_DATE) finishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiProperty({ type: 'array', items: JSON_OBJECT }) attempts!: Record<string, unknown>[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reusedFromExecutionId!: string | null;
}

export class ExecutionResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) workflowId!: string;
  @ApiProperty({ format: 'uuid' }) workflowVersionId!: string;
  @ApiPropertyOptional({ description: 'Version number of the workflow that ran' }) workflowVersion?: number;
  @ApiProperty({ example: 'QUEUED' }) status!: string;
  @ApiProperty({ example: 'MANUAL' }) trigger!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) retryOfId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentExecutionId!: string | null;
  @ApiProperty(NULLABLE_JSON) input!: Record<string, unknown> | null;
  @ApiProperty(NULLABLE_JSON) output!: Record<string, unknown> | null;
  @ApiProperty(NULLABLE_JSON) error!: Record<string, unknown> | null;
  @ApiProperty(NULLABLE_DATE) queuedAt!: string | null;
  @ApiProperty(NULLABLE_DATE) startedAt!: string | null;
  @ApiProperty(NULLABLE_DATE) finishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: [ExecutionStepDto], description: 'Only on GET /executions/{id}' }) steps?: ExecutionStepDto[];
}

export class CallbackResultDto {
  @ApiProperty({ format: 'uuid' }) executionId!: string;
  @ApiProperty({ example: 'approve' }) decision!: string;
}

class RetryChainEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ example: 'FAILED' }) status!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) retryOfId!: string | null;
  @ApiProperty(NULLABLE_DATE) queuedAt!: string | null;
}

export class ExecutionDetailDto extends ExecutionResponseDto {
  @ApiProperty({ type: [RetryChainEntryDto], description: 'The first run and all its retries, oldest first' })
  retryChain!: RetryChainEntryDto[];
}

/** The 202 body of run, retry and test-run: the queued execution (Location names it). */
export class ExecutionStartedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'QUEUED' }) status!: string;
  @ApiPropertyOptional({ format: 'uuid' }) workflowId?: string;
  @ApiProperty({ format: 'uuid' }) workflowVersionId!: string;
  @ApiProperty(NULLABLE_DATE) queuedAt!: string | null;
  @ApiPropertyOptional({ example: 'TEST' }) trigger?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Retry: the execution retried' }) retryOfId?: string;
  @ApiPropertyOptional({ description: 'Retry: attempt number' }) attempt?: number;
  @ApiPropertyOptional({ type: [String], description: 'Retry: node ids whose output was reused' }) reusedSteps?: string[];
}
