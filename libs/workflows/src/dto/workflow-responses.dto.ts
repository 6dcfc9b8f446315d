import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JSON_OBJECT } from '@app/common';

export class WorkflowResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: ['DRAFT', 'ACTIVE', 'INACTIVE'] }) status!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Current version number' }) version!: number;
  @ApiPropertyOptional({ ...JSON_OBJECT, description: 'The current version’s definition (nodes, edges)' }) definition?: Record<
    string,
    unknown
  >;
  @ApiPropertyOptional({ type: [String], description: 'On create/update: literal secrets found in params (use credentials instead)' })
  warnings?: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** One past run in the list's run-history strip (editor test runs are left out). */
export class RecentRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SUCCEEDED' }) status!: string;
  @ApiProperty({ example: 'WEBHOOK' }) trigger!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it started (queued time while still queued)' })
  startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
}

/** A row of GET /workflows: the workflow (without its definition) with its last run and run history. */
export class WorkflowListItemDto extends WorkflowResponseDto {
  @ApiProperty({ type: RecentRunDto, nullable: true, description: 'The newest run (not counting test runs), or null' })
  lastExecution!: RecentRunDto | null;
  @ApiProperty({ type: [RecentRunDto], description: 'Up to the 10 newest runs, newest first (not counting test runs)' })
  recentRuns!: RecentRunDto[];
}

export class WorkflowTagsDto {
  @ApiProperty({ type: [String], example: ['billing', 'nightly'] }) items!: string[];
}

export class WorkflowVersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty(JSON_OBJECT) definition!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class VersionRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
}

export class RestoredWorkflowDto extends WorkflowResponseDto {
  @ApiProperty({ type: VersionRefDto }) restoredFrom!: VersionRefDto;
}

export class WorkflowDiffDto {
  @ApiProperty({ type: VersionRefDto }) from!: VersionRefDto;
  @ApiProperty({ type: VersionRefDto }) to!: VersionRefDto;
  @ApiProperty({ ...JSON_OBJECT, description: 'added, removed, changed (with the changed params)' }) nodes!: Record<string, unknown>;
  @ApiProperty({ ...JSON_OBJECT, description: 'added, removed' }) edges!: Record<string, unknown>;
}

export class WebhookInfoDto {
  @ApiProperty() path!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: 'async' }) mode!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String }) signingSecret!: string | null;
  @ApiProperty({ nullable: true, type: String }) signatureHeader!: string | null;
}

export class NodeTypeDto {
  @ApiProperty({ example: 'http.request' }) type!: string;
  @ApiProperty() description!: string;
  @ApiProperty() trigger!: boolean;
  @ApiProperty({ ...JSON_OBJECT, description: 'JSON Schema of the node’s params' }) paramsSchema!: Record<string, unknown>;
  @ApiProperty({ ...JSON_OBJECT, nullable: true }) example!: Record<string, unknown> | null;
}

export class NodeTypeListDto {
  @ApiProperty({ type: [NodeTypeDto] }) items!: NodeTypeDto[];
}
