import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { WorkflowDefinitionDto } from './workflow-definition.dto';

/** A new definition creates a new immutable version; name, description and tags do not. */
export class UpdateWorkflowDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 120) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) description?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  @ArrayMaxSize(20)
  tags?: string[];
  @ApiPropertyOptional() @IsOptional() @ValidateNested() @Type(() => WorkflowDefinitionDto) definition?: WorkflowDefinitionDto;
  @ApiPropertyOptional({
    description: 'the version the edit started from: 409 with currentVersion when the workflow changed since (omit to overwrite)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  baseVersion?: number;
  @ApiPropertyOptional({ description: 'save even if the workflow changed since baseVersion' }) @IsOptional() @IsBoolean() force?: boolean;
}
