import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DefinitionProblemDto } from './definition-problem.dto';

/** The body AllExceptionsFilter sends for every 4xx/5xx. */
export class ErrorResponseDto {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ example: 'Not Found' })
  error!: string;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], example: 'Workflow 3f1c… not found' })
  message!: string | string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Only on 500: the id the server log line carries' })
  errorId?: string;

  @ApiPropertyOptional({
    type: [DefinitionProblemDto],
    description: 'Only on a 400 for an invalid workflow definition: each problem placed on its node or edge (message lists them as text)',
  })
  problems?: DefinitionProblemDto[];
}
