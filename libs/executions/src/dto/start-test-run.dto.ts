import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { WorkflowDefinitionDto } from '@app/workflows';

export class StartTestRunDto {
  @ApiProperty({ type: WorkflowDefinitionDto, description: 'the draft as it is in the editor, saved or not' })
  @IsObject({ message: 'definition is required: an object {nodes, edges}' })
  @ValidateNested()
  @Type(() => WorkflowDefinitionDto)
  definition!: WorkflowDefinitionDto;

  @ApiPropertyOptional({ description: 'the trigger input, as the body of a manual run', type: 'object', additionalProperties: true })
  @IsOptional()
  input?: unknown;

  @ApiPropertyOptional({ description: 'the saved workflow this draft belongs to (the run is listed under it)' })
  @IsOptional()
  @IsUUID()
  workflowId?: string;
}
