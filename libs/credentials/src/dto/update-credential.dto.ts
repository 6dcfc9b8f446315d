import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length } from 'class-validator';

export class UpdateCredentialDto {
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  /** Fields to change, merged into the stored ones; null removes an optional field. The type cannot change. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}
