import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsListOf } from './is-list-of.validator';

const COORDINATE_LIMIT = 1_000_000;

/** Where the editor draws the node; stored with the definition, ignored by the engine. */
export class NodePositionDto {
  @ApiProperty({ example: 120 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-COORDINATE_LIMIT)
  @Max(COORDINATE_LIMIT)
  x!: number;
  @ApiProperty({ example: 80 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-COORDINATE_LIMIT)
  @Max(COORDINATE_LIMIT)
  y!: number;
}

export class WorkflowNodeDto {
  @ApiProperty({ example: 'hook' }) @IsString() @Length(1, 100) id!: string;
  @ApiProperty({ example: 'trigger.webhook' }) @IsString() @Length(1, 60) type!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 200) name?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsObject() params!: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10) retries?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(10) @Max(600_000) retryBackoffMs?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(10) @Max(3_600_000) timeoutMs?: number;
  @ApiPropertyOptional({ type: NodePositionDto, description: 'editor canvas position; the engine ignores it' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NodePositionDto)
  position?: NodePositionDto;
}

export class WorkflowEdgeDto {
  @ApiProperty() @IsString() @Length(1, 100) from!: string;
  @ApiProperty() @IsString() @Length(1, 100) to!: string;
  @ApiPropertyOptional({ description: 'logic.if: "true" or "false"; logic.switch: a case name or "default"' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  when?: string;
}

export class WorkflowDefinitionDto {
  @ApiProperty({ type: [WorkflowNodeDto] })
  @ValidateNested({ each: true })
  @Type(() => WorkflowNodeDto)
  @IsListOf('nodes {id, type, params}', 1, 200)
  nodes!: WorkflowNodeDto[];

  @ApiProperty({ type: [WorkflowEdgeDto] })
  @ValidateNested({ each: true })
  @Type(() => WorkflowEdgeDto)
  @IsListOf('edges {from, to}', 0, 1000)
  edges!: WorkflowEdgeDto[];
}
