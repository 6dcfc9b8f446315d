import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const NULLABLE_DATE = { type: String, format: 'date-time', nullable: true } as const;

export class ListBackupsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'Newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class BackupVerificationDto {
  @ApiProperty({ enum: ['PASSED', 'FAILED'] }) status!: 'PASSED' | 'FAILED';
  @ApiProperty({ ...NULLABLE_DATE, description: 'When the artifacts last matched their manifest (null after a failed check)' })
  verifiedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'What the last failed check found' }) error!: string | null;
}

export class BackupResponseDto {
  @ApiProperty({ example: '2026-12-02T02-00-00-000Z' }) id!: string;
  @ApiProperty({ enum: ['RUNNING', 'SUCCEEDED', 'FAILED'] }) status!: string;
  @ApiProperty({ enum: ['SCHEDULED', 'MANUAL'] }) trigger!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty(NULLABLE_DATE) finishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Bytes of all artifacts' }) sizeBytes!: number | null;
  @ApiProperty({ description: 'The local folder of the backup' }) location!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Where it was uploaded (s3://…), when S3 is configured' }) s3Uri!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the run (or a later verification) failed' }) error!: string | null;
  @ApiProperty({ type: BackupVerificationDto, nullable: true, description: 'null while running or when the run itself failed' })
  verification!: BackupVerificationDto | null;
  @ApiProperty({ ...NULLABLE_DATE, description: 'When retention deleted it' }) deletedAt!: string | null;
}

export class BackupListDto {
  @ApiProperty({ type: [BackupResponseDto] }) items!: BackupResponseDto[];
}

export class BackupStartedDto {
  @ApiProperty({ example: '2026-12-02T16-30-00-000Z' }) id!: string;
  @ApiProperty({ enum: ['RUNNING'] }) status!: 'RUNNING';
}

class VerifiedArtifactDto {
  @ApiProperty({ example: 'postgres.sql.gz' }) file!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
}

export class BackupVerificationResultDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['PASSED', 'FAILED'] }) status!: 'PASSED' | 'FAILED';
  @ApiProperty({ type: [String], description: 'Empty when PASSED' }) problems!: string[];
  @ApiProperty({ type: [VerifiedArtifactDto] }) artifacts!: VerifiedArtifactDto[];
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
}
