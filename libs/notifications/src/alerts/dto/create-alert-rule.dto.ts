import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { AlertComparator, AlertMetric } from '@app/database';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const MAX_WINDOW_SECONDS = 30 * 86_400;

export class CreateAlertRuleDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 120) name!: string;

  @ApiProperty({
    enum: AlertMetric,
    description:
      'EXECUTION_FAILURE_COUNT: failed or timed-out executions in the window; EXECUTION_FAILURE_RATE: their share of finished executions (0 to 1); P95_LATENCY_MS: 95th percentile of execution duration; QUEUE_DEPTH: executions waiting in the queue (admins only)',
  })
  @IsEnum(AlertMetric)
  metric!: AlertMetric;

  @ApiPropertyOptional({ enum: AlertComparator, default: 'GT' }) @IsOptional() @IsEnum(AlertComparator) comparator?: AlertComparator;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) threshold!: number;
  @ApiProperty({ minimum: 10, maximum: MAX_WINDOW_SECONDS }) @IsInt() @Min(10) @Max(MAX_WINDOW_SECONDS) windowSeconds!: number;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_WINDOW_SECONDS,
    default: 3600,
    description: 'No repeat alert within this time after one fired',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_SECONDS)
  cooldownSeconds?: number;
  @ApiPropertyOptional({ description: 'Only this workflow; omitted = all the user’s workflows' })
  @IsOptional()
  @IsUUID()
  workflowId?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}
