import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { AlertComparator, AlertMetric } from '@app/database';
import { MAX_WINDOW_SECONDS } from './create-alert-rule.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdateAlertRuleDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 120) name?: string;
  @ApiPropertyOptional({ enum: AlertMetric }) @IsOptional() @IsEnum(AlertMetric) metric?: AlertMetric;
  @ApiPropertyOptional({ enum: AlertComparator }) @IsOptional() @IsEnum(AlertComparator) comparator?: AlertComparator;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) threshold?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(10) @Max(MAX_WINDOW_SECONDS) windowSeconds?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(MAX_WINDOW_SECONDS) cooldownSeconds?: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null = all the user’s workflows' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  workflowId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}
