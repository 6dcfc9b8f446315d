import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min, ValidateBy } from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScopeName } from '../api-key-scope';
import { trim } from './transforms';

const IsInTheFuture = () =>
  ValidateBy({
    name: 'isInTheFuture',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && Date.parse(value) > Date.now(),
      defaultMessage: () => 'expiresAt must be in the future',
    },
  });

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CI deploys', minLength: 1, maxLength: 120 })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({
    enum: API_KEY_SCOPES,
    default: 'full',
    description:
      'read-only: GET/HEAD only; run-only: read plus starting runs (POST /workflows/:id/run, POST /executions/:id/retry); full: everything',
  })
  @IsOptional()
  @IsIn(API_KEY_SCOPES, { message: `scope must be one of ${API_KEY_SCOPES.join(', ')}` })
  scope?: ApiKeyScopeName;

  @ApiPropertyOptional({
    example: '2027-01-31T00:00:00Z',
    description: 'When the key stops working (ISO 8601, in the future); never when omitted',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date' })
  @IsInTheFuture()
  expiresAt?: string;

  @ApiPropertyOptional({ description: 'Days until the key stops working (instead of expiresAt)', minimum: 1, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}
