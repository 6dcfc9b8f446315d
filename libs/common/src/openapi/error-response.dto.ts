import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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
}
