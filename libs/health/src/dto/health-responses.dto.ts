import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JSON_OBJECT } from '@app/common';

export class HealthInfoDto {
  @ApiProperty({ example: 'ok' }) status!: string;
  @ApiProperty() version!: string;
  @ApiProperty() uptimeSeconds!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
}

/** @nestjs/terminus's check result. */
export class HealthCheckResultDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status!: string;
  @ApiPropertyOptional(JSON_OBJECT) info?: Record<string, unknown>;
  @ApiPropertyOptional(JSON_OBJECT) error?: Record<string, unknown>;
  @ApiProperty(JSON_OBJECT) details!: Record<string, unknown>;
}

export class StartupStateDto {
  @ApiProperty({ enum: ['ok', 'starting'] }) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'boolean' }, example: { config: true, migrations: true } }) steps!: Record<
    string,
    boolean
  >;
}
