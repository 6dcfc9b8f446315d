import { ApiProperty } from '@nestjs/swagger';
import { JSON_OBJECT } from '@app/common';

export class CredentialResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'http.bearer' }) type!: string;
  @ApiProperty({ type: [String], description: 'Names of the fields that are set; values are never returned' }) fields!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CredentialUsageDto {
  @ApiProperty({ type: 'array', items: JSON_OBJECT, description: 'Workflows whose current version references the credential' })
  workflows!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: JSON_OBJECT, description: 'Most recent executions that used it' }) recentUses!: Record<
    string,
    unknown
  >[];
}
