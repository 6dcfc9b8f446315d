import { ApiProperty } from '@nestjs/swagger';
import { JSON_OBJECT } from '@app/common';

const NULLABLE_DATE = { type: String, format: 'date-time', nullable: true } as const;

class NotificationChannelRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'EMAIL' }) type!: string;
  @ApiProperty() name!: string;
}

export class NotificationResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'EXECUTION_FAILED' }) event!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ ...JSON_OBJECT, nullable: true }) payload!: Record<string, unknown> | null;
  @ApiProperty({ type: NotificationChannelRefDto, nullable: true, description: 'null once the channel was deleted' })
  channel!: NotificationChannelRefDto | null;
  @ApiProperty({ example: 'SENT' }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty(NULLABLE_DATE) sentAt!: string | null;
  @ApiProperty(NULLABLE_DATE) readAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'How many notifications were newly marked read' }) updated!: number;
}

export class UnreadCountDto {
  @ApiProperty({ description: 'Own notifications not yet marked read' }) count!: number;
}

export class ChannelTestResultDto {
  @ApiProperty({ format: 'uuid', description: 'The stored test notification (event CHANNEL_TEST)' }) notificationId!: string;
  @ApiProperty({ format: 'uuid' }) channelId!: string;
  @ApiProperty({ enum: ['SENT', 'FAILED', 'PENDING'], description: 'SENT when the channel accepted it; a failed test is not retried' })
  status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the delivery failed' }) error!: string | null;
  @ApiProperty(NULLABLE_DATE) sentAt!: string | null;
}

export class ChannelResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'WEBHOOK' }) type!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ ...JSON_OBJECT, description: 'Type-specific settings, without the secret' }) config!: Record<string, unknown>;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'Whether a secret is stored (it is never returned)' }) hasSecret!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AlertRuleResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'FAILURE_RATE' }) metric!: string;
  @ApiProperty({ example: 'GT' }) comparator!: string;
  @ApiProperty() threshold!: number;
  @ApiProperty() windowSeconds!: number;
  @ApiProperty() cooldownSeconds!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) workflowId!: string | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty(NULLABLE_DATE) lastTriggeredAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastValue!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class SubscriptionResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) channelId!: string;
  @ApiProperty({ example: 'EXECUTION_FAILED' }) event!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) workflowId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
