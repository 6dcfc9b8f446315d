import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { WorkflowDefinitionDto } from './workflow-definition.dto';

export class CreateWorkflowDto {
  @ApiProperty({ example: 'echo-sum' }) @IsString() @Length(1, 120) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) description?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  @ArrayMaxSize(20)
  tags?: string[];
  @ApiProperty({ type: WorkflowDefinitionDto }) @ValidateNested() @Type(() => WorkflowDefinitionDto) definition!: WorkflowDefinitionDto;
}
