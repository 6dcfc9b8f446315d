import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ProblemEdgeDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

/** One thing wrong with a workflow definition, placed on the node or edge it concerns (libs/workflows DefinitionProblem). */
export class DefinitionProblemDto {
  @ApiPropertyOptional({ description: 'The node the problem concerns' }) nodeId?: string;
  @ApiPropertyOptional({ type: ProblemEdgeDto, description: 'The edge the problem concerns' }) edge?: ProblemEdgeDto;
  @ApiPropertyOptional({ example: 'params.url', description: 'Where in the node' }) path?: string;
  @ApiProperty({ example: 'params.expression: Unexpected end of expression at position 8' }) message!: string;
}
